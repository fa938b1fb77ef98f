// Prints a Doc: a group is laid out flat when it holds no comment and fits in
// the remaining width of the line, otherwise broken. Linear in the size of
// the Doc: `fits` never looks further than one line's width.
import type { Doc } from './doc';
import { trimEndWhere } from '../text/safe-text';

export const LINE_WIDTH = 80;

const FLAT = 0;
const BREAK = 1;
type Mode = typeof FLAT | typeof BREAK;
type Command = [indent: number, mode: Mode, doc: Doc | Doc[]];

/** Collects output lines; never writes trailing spaces or more than one empty line in a row. */
class Output {
  readonly lines: string[] = [];
  private current = '';
  private indent = 0;
  private blankPending = false;
  /** Set after a trailing comment: whatever comes next starts a new line. */
  private afterTrailingComment = false;

  column(): number {
    return this.indent + this.current.length;
  }

  newline(indent: number): void {
    if (this.current !== '') {
      this.lines.push(' '.repeat(this.indent) + trimEndWhere(this.current, (c) => c === 32));
      this.current = '';
    }
    this.indent = indent;
    this.afterTrailingComment = false;
  }

  blank(indent: number): void {
    this.newline(indent);
    if (this.lines.length > 0) this.blankPending = true;
  }

  text(s: string, indent: number): void {
    if (this.afterTrailingComment) this.newline(indent);
    if (this.current === '' && this.blankPending) {
      this.lines.push('');
      this.blankPending = false;
    }
    this.current += s;
  }

  space(indent: number): void {
    if (this.afterTrailingComment) this.newline(indent);
    else if (this.current !== '') this.current += ' ';
  }

  trailingComment(comment: string): void {
    this.current += ` ${comment}`;
    this.afterTrailingComment = true;
  }

  finish(): string[] {
    this.newline(0);
    return this.lines;
  }
}

/**
 * Whether `next`, printed flat, fits in `width`. Only the group itself counts,
 * not the words after it on the same line: `did x where (…) at least 3 times
 * within last 30 days` keeps its short `where` on one line, as in the examples of docs/language.md.
 */
function fits(next: Command, width: number, work: LayoutWork): boolean {
  const todo: Command[] = [next];
  while (width >= 0) {
    work.steps++;
    const cmd = todo.pop();
    if (cmd === undefined) return true;
    const [ind, mode, doc] = cmd;
    if (typeof doc === 'string') {
      width -= doc.length;
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) todo.push([ind, mode, doc[i]]);
      continue;
    }
    switch (doc.k) {
      case 'space':
        width -= 1;
        break;
      case 'line':
        if (mode === BREAK) return true;
        width -= 1;
        break;
      case 'softline':
        if (mode === BREAK) return true;
        break;
      case 'indent':
        todo.push([ind + doc.by, mode, doc.body]);
        break;
      case 'group':
        todo.push([ind, doc.forced ? BREAK : mode, doc.body]);
        break;
      case 'hard':
      case 'blank':
      case 'lead':
      case 'trail':
        return true;
    }
  }
  return false;
}

/**
 * Steps the layout took (each Doc visited by the printer or by `fits`): a
 * deterministic measure of its work, which tests compare across input sizes
 * to prove it linear without timing anything.
 */
export interface LayoutWork {
  steps: number;
}

/** Lays out `doc` and returns its lines (no line terminators). */
export function printDoc(doc: Doc[], work: LayoutWork = { steps: 0 }): string[] {
  const out = new Output();
  const stack: Command[] = [[0, BREAK, doc]];
  while (stack.length > 0) {
    work.steps++;
    const [ind, mode, d] = stack.pop()!;
    if (typeof d === 'string') {
      out.text(d, ind);
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push([ind, mode, d[i]]);
      continue;
    }
    switch (d.k) {
      case 'space':
        out.space(ind);
        break;
      case 'line':
        if (mode === FLAT) out.space(ind);
        else out.newline(ind);
        break;
      case 'softline':
        if (mode === BREAK) out.newline(ind);
        break;
      case 'hard':
        out.newline(ind);
        break;
      case 'blank':
        out.blank(ind);
        break;
      case 'indent':
        stack.push([ind + d.by, mode, d.body]);
        break;
      case 'group': {
        const flat = mode === FLAT || (!d.forced && fits([ind, FLAT, d.body], LINE_WIDTH - out.column(), work));
        stack.push([ind, flat ? FLAT : BREAK, d.body]);
        break;
      }
      case 'lead':
        d.comments.forEach((comment, i) => {
          if (i > 0 && d.keepBlank && d.blankBefore[i]) out.blank(ind);
          else out.newline(ind);
          out.text(comment, ind);
        });
        if (d.keepBlank && d.blankAfter) out.blank(ind);
        else out.newline(ind);
        break;
      case 'trail':
        out.trailingComment(d.comment);
        break;
    }
  }
  return out.finish();
}
