// Text helpers that stay linear on any input: trimming a set of characters
// from the end (a `/[ \t]+$/` regex retries at every start of a long run, which
// is quadratic), and quoting a piece of a user's file in a message as a short,
// printable token.

/** `text` without the trailing characters for which `isTrimmed` holds. */
export function trimEndWhere(text: string, isTrimmed: (code: number) => boolean): string {
  let end = text.length;
  while (end > 0 && isTrimmed(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Longest token a message quotes from a data file: a column name, a cell. */
export const MAX_QUOTED_TOKEN = 64;

/**
 * A piece of a file's text as messages quote it: at most `max` characters
 * (cut with `…`), and control, format and bidirectional-override characters
 * written as `\u{…}` escapes, so a quoted token can neither run on for a whole
 * line nor reorder or hide what a terminal or a pull-request page shows.
 */
export function safeToken(text: string, max = MAX_QUOTED_TOKEN): string {
  let out = '';
  let shown = 0;
  for (const ch of text) {
    if (shown >= max) return `${out}…`;
    const code = ch.codePointAt(0)!;
    out += isUnsafe(code) ? `\\u{${code.toString(16)}}` : ch;
    shown++;
  }
  return out;
}

function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code < 0xa0) ||
    code === 0xad ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff
  );
}
