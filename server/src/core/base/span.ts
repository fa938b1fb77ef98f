// A stretch of a file's text: 0-based UTF-16 code-unit offsets, end exclusive.
// Every syntax node, diagnostic and edit carries one; only reports turn spans
// into lines and columns.

export interface Span {
  start: number;
  end: number;
}
