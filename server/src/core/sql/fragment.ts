// Readable SQL text built from pieces: a fragment is a list of lines plus what
// kind of expression it is, so combinators know when parentheses are needed
// and nested pieces come out indented.

export type FragmentKind =
  /** Safe anywhere: function calls, COALESCE(…), parenthesised text. */
  | 'atom'
  /** A bare comparison such as `x >= 3`. */
  | 'compare'
  | 'not'
  | 'and'
  | 'or';

export interface Fragment {
  lines: string[];
  kind: FragmentKind;
}

export const INDENT = '  ';

export function atom(text: string): Fragment {
  return { lines: [text], kind: 'atom' };
}

export function indentLines(lines: string[], depth = 1): string[] {
  const pad = INDENT.repeat(depth);
  return lines.map((line) => (line === '' ? line : pad + line));
}

export function parenthesize(fragment: Fragment): Fragment {
  if (fragment.lines.length === 1) return atom(`(${fragment.lines[0]})`);
  return { lines: ['(', ...indentLines(fragment.lines), ')'], kind: 'atom' };
}

/** `a AND b AND c` (or OR), one operand per line, each continuation led by the operator. */
export function joinFragments(op: 'AND' | 'OR', operands: Fragment[]): Fragment {
  if (operands.length === 1) return operands[0];
  const lines: string[] = [];
  operands.forEach((operand, i) => {
    // AND under OR is parenthesised too: SQL would not need it, a reader does.
    const wrapped = operand.kind === 'and' || operand.kind === 'or' ? parenthesize(operand) : operand;
    wrapped.lines.forEach((line, j) => lines.push(i > 0 && j === 0 ? `${op} ${line}` : line));
  });
  return { lines, kind: op === 'AND' ? 'and' : 'or' };
}

export function negate(fragment: Fragment): Fragment {
  const operand = fragment.kind === 'atom' ? fragment : parenthesize(fragment);
  const [first, ...rest] = operand.lines;
  return { lines: [`NOT ${first}`, ...rest], kind: 'not' };
}

/** A comment line whose text cannot end the comment early or start new SQL. */
export function commentLine(text: string): string {
  return `-- ${text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ')}`.trimEnd();
}
