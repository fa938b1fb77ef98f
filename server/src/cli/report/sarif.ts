// `check --format sarif`: a SARIF 2.1.0 log, the format GitHub code scanning
// (and most CI dashboards) import. One rule per diagnostic code used, with the
// registry's description as help; one result per diagnostic; quick fixes as
// SARIF fixes. Paths are relative to %SRCROOT%, the repository root.
import { pathToFileURL } from 'node:url';
import { ALL_DIAGNOSTIC_CODES } from '../../core/workspace/diagnostic-codes';
import type { Diagnostic, Severity } from '../../core/base/diagnostics';
import type { Span } from '../../core/base/span';
import type { SourcePositions } from '../../core/text/source-positions';
import { repoRelativePath } from './repo-paths';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/segments-as-code/segments';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId: string;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }[];
  fixes?: {
    description: { text: string };
    artifactChanges: { artifactLocation: SarifArtifactLocation; replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[] }[];
  }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string; description: { text: string } }>;
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

export interface SarifOptions {
  repoRoot: string;
  version: string;
}

export function toSarif(diagnostics: Diagnostic[], positions: SourcePositions, options: SarifOptions): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  for (const code of [...new Set(diagnostics.map((d) => d.code))].sort()) {
    ruleIndex.set(code, rules.length);
    rules.push(ruleFor(code, diagnostics.find((d) => d.code === code)!.severity));
  }
  const location = (file: string): SarifArtifactLocation => ({ uri: fileUri(repoRelativePath(options.repoRoot, file)), uriBaseId: SRCROOT });
  const regionOf = (d: Diagnostic, span: Span, position?: Diagnostic['position']): SarifRegion => {
    const r = positions.resolve({ ...d, span, position });
    return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
  };

  const results = diagnostics.map((d): SarifResult => {
    const result: SarifResult = {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code)!,
      level: LEVELS[d.severity],
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation: location(d.file), region: regionOf(d, d.span, d.position) } }],
    };
    if (d.fixes && d.fixes.length > 0) {
      result.fixes = d.fixes.map((fix) => ({
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation: location(d.file),
            replacements: fix.edits.map((e) => ({ deletedRegion: regionOf(d, e.span), insertedContent: { text: e.newText } })),
          },
        ],
      }));
    }
    return result;
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'segments', version: options.version, semanticVersion: options.version, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: {
          [SRCROOT]: { uri: `${pathToFileURL(options.repoRoot).href.replace(/\/?$/, '/')}`, description: { text: 'The root of the repository.' } },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function ruleFor(code: string, severity: Severity): SarifRule {
  const info = ALL_DIAGNOSTIC_CODES.get(code);
  const description = info?.description ?? `Diagnostic \`${code}\`.`;
  const level = LEVELS[info?.severity ?? severity];
  const help = `${description} Every code is listed in docs/diagnostics.md.`;
  return {
    id: code,
    name: code.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase()),
    shortDescription: { text: firstSentence(plain(description)) },
    fullDescription: { text: plain(description) },
    help: { text: plain(help), markdown: help },
    defaultConfiguration: { level },
  };
}

/** Descriptions are written in Markdown; the text forms drop the backticks. */
function plain(text: string): string {
  return text.replace(/`/g, '');
}

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text;
}

/** A relative URI reference: each path segment percent-encoded, so `a,b:c.segment` cannot read as a scheme. */
function fileUri(relativePath: string): string {
  return relativePath.split('/').map((part) => (part === '..' || part === '.' ? part : encodeURIComponent(part))).join('/');
}
