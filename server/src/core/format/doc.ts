// A small layout language in the style of Wadler's "prettier printer": the
// formatter describes a block as a Doc, and print-doc.ts decides where lines
// break. Comments are first-class parts of the Doc (`Lead`, `Trail`) so that a
// group holding one is always broken and the comment keeps its place.

/** A space between two words on one line; after a trailing comment it becomes a line break. */
export interface Space {
  k: 'space';
}
/** A space when its group is flat, a line break when the group is broken. */
export interface Line {
  k: 'line';
}
/** Nothing when its group is flat, a line break when the group is broken. */
export interface SoftLine {
  k: 'softline';
}
/** Always a line break; the group around it breaks. */
export interface HardLine {
  k: 'hard';
}
/** A line break followed by exactly one empty line. */
export interface BlankLine {
  k: 'blank';
}
export interface Indent {
  k: 'indent';
  by: number;
  body: Doc[];
}
export interface Group {
  k: 'group';
  body: Doc[];
  /** True when the body holds a comment or a hard line, so it can never be flat. */
  forced: boolean;
}
/**
 * Comments that stood on their own lines before a token. Each is printed on its
 * own line at the current indentation. `keepBlank` says whether empty lines
 * written between them (and before the token) are kept.
 */
export interface Lead {
  k: 'lead';
  comments: string[];
  /** blankBefore[i]: an empty line stood before comments[i] (index 0 is the caller's business). */
  blankBefore: boolean[];
  blankAfter: boolean;
  keepBlank: boolean;
}
/** A comment that ended the line of the token before it. */
export interface Trail {
  k: 'trail';
  comment: string;
}

export type Doc = string | Space | Line | SoftLine | HardLine | BlankLine | Indent | Group | Lead | Trail;

export const SPACE: Space = { k: 'space' };
export const LINE: Line = { k: 'line' };
export const SOFTLINE: SoftLine = { k: 'softline' };
export const HARD: HardLine = { k: 'hard' };
export const BLANK: BlankLine = { k: 'blank' };

function isLead(d: Doc): d is Lead {
  return typeof d !== 'string' && d.k === 'lead';
}
function isTrail(d: Doc): d is Trail {
  return typeof d !== 'string' && d.k === 'trail';
}

/**
 * Moves comments at the very start (leading) and very end (trailing) of `body`
 * outside of the wrapper being built. A comment before a condition's first
 * token belongs to the line above it, and a comment after the last token of
 * `include a > 1 # why` must not stop the expression from staying on one line.
 */
function hoist(body: Doc[]): { before: Doc[]; inner: Doc[]; after: Doc[] } {
  let start = 0;
  let end = body.length;
  while (start < end && isLead(body[start])) start++;
  while (end > start && isTrail(body[end - 1])) end--;
  return { before: body.slice(0, start), inner: body.slice(start, end), after: body.slice(end) };
}

export function indent(by: number, body: Doc[]): Doc[] {
  const { before, inner, after } = hoist(body);
  return [...before, { k: 'indent', by, body: inner }, ...after];
}

export function group(body: Doc[]): Doc[] {
  const { before, inner, after } = hoist(body);
  return [...before, { k: 'group', body: inner, forced: mustBreak(inner) }, ...after];
}

/** Whether a body holds something that cannot be printed flat (nested groups answer for themselves). */
function mustBreak(body: Doc[]): boolean {
  for (const d of body) {
    if (typeof d === 'string') continue;
    switch (d.k) {
      case 'hard':
      case 'blank':
      case 'lead':
      case 'trail':
        return true;
      case 'group':
        if (d.forced) return true;
        break;
      case 'indent':
        if (mustBreak(d.body)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}
