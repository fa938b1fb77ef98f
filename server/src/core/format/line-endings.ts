// The formatter writes the line ending the file mostly uses already.

export type LineEnding = '\n' | '\r\n';

/** Counts CRLF and lone LF line ends in `text[from, to)`. */
export function countLineEnds(text: string, from: number, to: number): { crlf: number; lf: number } {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
    if (i > from && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return { crlf, lf };
}

/** CRLF when it is strictly more common than LF, else LF. */
export function dominantLineEnding(counts: { crlf: number; lf: number }): LineEnding {
  return counts.crlf > counts.lf ? '\r\n' : '\n';
}
