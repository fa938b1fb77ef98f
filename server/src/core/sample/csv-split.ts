// Where to cut a CSV file in two for two threads: the first record that starts
// past a given share of the file (about the middle). Counting quotes tells whether a line break is inside a quoted
// field (an odd number of quotes before it) without tokenizing. The count can be
// fooled by a stray quote inside an unquoted field, which the tokenizer reads as
// text: read-table checks that the first part's tokenizer ends cleanly at the cut.
import { closeSync, openSync, readSync } from 'node:fs';

const QUOTE = 34;
const LF = 10;
const CHUNK = 4 * 1024 * 1024;
const DENSE_QUOTES = 4096;

/**
 * The offset just after the first line feed at or past `share` of `file` that
 * follows an even number of quotes; undefined when there is none (before the
 * last byte).
 */
export function findCsvSplit(file: string, size: number, share = 0.5): number | undefined {
  const mid = Math.floor(size * share);
  if (mid <= 0) return undefined;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, size));
    let odd = false;
    let at = 0;
    while (at < mid) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, mid - at), at);
      if (n === 0) return undefined;
      if (quotesOdd(buf.subarray(0, n))) odd = !odd;
      at += n;
    }
    while (at < size) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, size - at), at);
      if (n === 0) return undefined;
      const view = buf.subarray(0, n);
      const next = (byte: number, from: number) => {
        const k = view.indexOf(byte, from);
        return k < 0 ? n : k;
      };
      let lf = next(LF, 0);
      let q = next(QUOTE, 0);
      while (lf < n) {
        if (q < lf) {
          odd = !odd;
          q = next(QUOTE, q + 1);
        } else if (!odd) {
          const split = at + lf + 1;
          return split < size ? split : undefined;
        } else lf = next(LF, lf + 1);
      }
      // Quotes after the last line feed of the chunk still count.
      for (; q < n; q = next(QUOTE, q + 1)) odd = !odd;
      at += n;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** True when `view` holds an odd number of quotes. */
function quotesOdd(view: Uint8Array): boolean {
  let odd = false;
  let found = 0;
  for (let q = view.indexOf(QUOTE); q >= 0; q = view.indexOf(QUOTE, q + 1)) {
    odd = !odd;
    // Every field quoted: a plain loop beats a call per quote.
    if (++found === DENSE_QUOTES) {
      for (let k = q + 1; k < view.length; k++) if (view[k] === QUOTE) odd = !odd;
      break;
    }
  }
  return odd;
}
