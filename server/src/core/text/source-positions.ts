// Resolves a diagnostic to 1-based line and column for reports. Segment texts
// are given; other files (config and schema) are asked of `readText`, which
// the host wires to a loader, since this layer does no I/O.
import type { Diagnostic } from '../base/diagnostics';
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

export class SourcePositions {
  private readonly indexes = new Map<string, LineIndex | null>();

  constructor(
    texts: Iterable<[string, string]> = [],
    /** The text of a file not given up front; undefined when it cannot be read (then line 1 is used). */
    private readonly readText: (path: string) => string | undefined = () => undefined,
  ) {
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
      // Only small text files (configs, schemas) are read; a sample's diagnostics carry their own position.
      const text = this.readText(path);
      this.indexes.set(path, text === undefined ? null : new LineIndex(text));
    }
    return this.indexes.get(path) ?? undefined;
  }
}
