// The registry of every diagnostic code the product reports, by the part that
// reports it. The docs page (docs/diagnostics.md) and SARIF rules come from here.
import type { DiagnosticCodeInfo } from '../base/diagnostic-code-info';
import { PROJECT_DIAGNOSTIC_CODES } from '../project/codes';
import { CHECK_DIAGNOSTIC_CODES } from '../check/codes';
import { SAMPLE_DIAGNOSTIC_CODES } from '../sample/codes';
import { SYNTAX_DIAGNOSTIC_CODES } from '../syntax/codes';

export const SIZE_DIAGNOSTIC_CODES: readonly DiagnosticCodeInfo[] = [
  { code: 'matches-nobody', severity: 'warning', description: 'The segment matches no profile of the sample (real data may still hold some).' },
];

export interface CodeGroup {
  title: string;
  codes: readonly DiagnosticCodeInfo[];
}

export const DIAGNOSTIC_CODE_GROUPS: readonly CodeGroup[] = [
  { title: 'Syntax', codes: SYNTAX_DIAGNOSTIC_CODES },
  { title: 'Names, types and values', codes: CHECK_DIAGNOSTIC_CODES },
  { title: 'Audience size', codes: SIZE_DIAGNOSTIC_CODES },
  { title: 'Project file and schema', codes: PROJECT_DIAGNOSTIC_CODES },
  { title: 'Sample and events files', codes: SAMPLE_DIAGNOSTIC_CODES },
];

export const ALL_DIAGNOSTIC_CODES: ReadonlyMap<string, DiagnosticCodeInfo> = new Map(
  DIAGNOSTIC_CODE_GROUPS.flatMap((g) => g.codes.map((c) => [c.code, c] as const)),
);

/** The docs page listing every code; docs/diagnostics.md is this text (a test keeps it so). */
export function renderDiagnosticsDoc(): string {
  const lines = [
    '# Diagnostic codes',
    '',
    'Every problem the checker, the CLI and the editor report carries one of these',
    'codes. Codes are stable: CI scripts and SARIF rules may rely on them. An',
    '**error** makes a definition wrong or unrunnable (`segments check` exits 1); a',
    '**warning** is legal but suspicious; **info** is for your attention only.',
    '',
    'This page is generated from the code (`npx tsx scripts/gen-diagnostics-doc.ts`).',
  ];
  for (const group of DIAGNOSTIC_CODE_GROUPS) {
    lines.push('', `## ${group.title}`, '', '| code | severity | meaning |', '|---|---|---|');
    for (const c of group.codes) lines.push(`| \`${c.code}\` | ${c.severity} | ${c.description.replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}
