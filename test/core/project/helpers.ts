// Shared by the project-file tests: temp folders, 1-based positions as a user
// sees them, and applying a diagnostic's fix.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import type { Diagnostic } from '../../../server/src/core/base/diagnostics';
import { PROJECT_DIAGNOSTIC_CODES } from '../../../server/src/core/project/codes';
import { LineIndex } from '../../../server/src/core/text/line-index';

/** A fresh folder (real path, so it compares equal to resolved paths), removed after the test file. */
export function tempFolder(files: Record<string, string> = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'segments-project-')));
  after(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) writeFileIn(root, path, content);
  return root;
}

export function writeFileIn(root: string, path: string, content = ''): string {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
  return full;
}

/** `line:column`, both 1-based, as the CLI and editors show it. */
export function where(text: string, d: Diagnostic): string {
  const p = new LineIndex(text).positionAt(d.span.start);
  return `${p.line + 1}:${p.character + 1}`;
}

/** What a user sees: code, position and message of each diagnostic. */
export function shown(text: string, diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${where(text, d)} ${d.message}`);
}

/** The text after applying the first fix of a diagnostic. */
export function applyFirstFix(text: string, d: Diagnostic): string {
  const fix = d.fixes?.[0];
  if (!fix) throw new Error(`no fix on ${d.code}: ${d.message}`);
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

export const KNOWN_CODES = new Set(PROJECT_DIAGNOSTIC_CODES.map((c) => c.code));

/** Every span lies inside the text and every code is a documented one. */
export function wellFormed(text: string, diagnostics: Diagnostic[]): string | undefined {
  for (const d of diagnostics) {
    if (!KNOWN_CODES.has(d.code)) return `undocumented code ${d.code}`;
    if (!(0 <= d.span.start && d.span.start <= d.span.end && d.span.end <= text.length)) {
      return `span ${d.span.start}-${d.span.end} outside text of length ${text.length} (${d.code})`;
    }
    for (const fix of d.fixes ?? []) {
      for (const e of fix.edits) {
        if (!(0 <= e.span.start && e.span.start <= e.span.end && e.span.end <= text.length)) return `fix span outside text (${d.code})`;
      }
    }
    if (d.message.trim() === '') return `empty message (${d.code})`;
  }
  return undefined;
}
