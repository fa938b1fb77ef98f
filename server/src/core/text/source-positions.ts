// Resolves a diagnostic to 1-based line and column for reports, reading the
// file's text when it is not already at hand (config and schema files).
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics';
import { LineIndex } from './line-index';

export interface ResolvedRange {
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The text of the first line, for a caret display; undefined for data files. */
  lineText?: string;
}

const MAX_TEXT_BYTES = 8 * 1024 * 1024;

export class SourcePositions {
  private readonly indexes = new Map<string, LineIndex | null>();

  constructor(texts: Iterable<[string, string]> = []) {
    for (const [path, text] of texts) this.indexes.set(path, new LineIndex(text));
  }

  add(path: string, text: string): void {
    this.indexes.set(path, new LineIndex(text));
  }

  resolve(d: Diagnostic): ResolvedRange {
    if (d.position) {
      return { line: d.position.line + 1, column: d.position.character + 1, endLine: d.position.line + 1, endColumn: d.position.character + 1 };
    }
    const index = this.indexFor(d.file);
    if (!index) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const start = index.positionAt(d.span.start);
    const end = index.positionAt(d.span.end);
    return {
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      lineText: index.lineText(start.line),
    };
  }

  private indexFor(path: string): LineIndex | undefined {
    if (!this.indexes.has(path)) {
      let index: LineIndex | null = null;
      try {
        // Only small text files (configs, schemas); a sample's diagnostics carry their own position.
        if (statSync(path).size <= MAX_TEXT_BYTES) index = new LineIndex(readFileSync(path, 'utf8'));
      } catch {
        index = null;
      }
      this.indexes.set(path, index);
    }
    return this.indexes.get(path) ?? undefined;
  }
}
