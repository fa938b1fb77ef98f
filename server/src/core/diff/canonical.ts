// A condition as one line of canonical source text, the same whatever the
// spacing, line breaks, comments or string escapes of the file: two conditions
// mean the same thing when their canonical texts are equal. The diff compares
// and prints conditions in this form.
import type { EventRef, Expr, Literal, Name, Path } from '../syntax/ast';
import { AGGREGATE_FUNCTION_WORDS, describeAgoRange, describeDuration, describeWindow } from '../check/describe';
import { formatName } from '../check/format-name';

function name(n: Name): string {
  return n.quoted ? `\`${n.text}\`` : formatName(n.text);
}

function path(p: Path): string {
  return p.parts.map(name).join('.');
}

function literal(l: Literal): string {
  // Strings by value, so `"Caf\u00e9"` and `"Café"` read the same.
  return l.kind === 'string' ? JSON.stringify(l.value) : l.raw;
}

function list(values: Literal[]): string {
  return `(${values.map(literal).join(', ')})`;
}

const COUNT_WORDS = { atLeast: 'at least', atMost: 'at most', exactly: 'exactly' } as const;

export function canonicalExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'or':
    case 'and':
      return expr.operands.map(canonicalExpr).join(` ${expr.kind} `);
    case 'not':
      return `not ${canonicalExpr(expr.operand)}`;
    case 'group':
      return `(${canonicalExpr(expr.inner)})`;
    case 'compare':
      return `${path(expr.attribute)} ${expr.op} ${literal(expr.value)}`;
    case 'in':
      return `${path(expr.attribute)} ${expr.negated ? 'not in' : 'in'} ${list(expr.values)}`;
    case 'between':
      return `${path(expr.attribute)} between ${literal(expr.low)} and ${literal(expr.high)}`;
    case 'presence':
      return `${path(expr.attribute)} is ${expr.missing ? 'missing' : 'present'}`;
    case 'contains':
      return expr.mode === 'one'
        ? `${path(expr.attribute)} contains ${expr.values[0] ? literal(expr.values[0]) : ''}`
        : `${path(expr.attribute)} contains ${expr.mode} ${list(expr.values)}`;
    case 'textMatch':
      return `${path(expr.attribute)} ${expr.op === 'startsWith' ? 'starts with' : 'ends with'} ${literal(expr.value)}`;
    case 'dateCompare':
      return `${path(expr.attribute)} ${expr.op} ${literal(expr.value)}`;
    case 'withinLast':
      return `${path(expr.attribute)} within last ${describeDuration(expr.duration)}`;
    case 'ago':
      return `${path(expr.attribute)} more than ${describeDuration(expr.duration)} ago`;
    case 'agoBetween':
      return `${path(expr.attribute)} ${describeAgoRange(expr.range)}`;
    case 'boolean':
      return path(expr.attribute);
    case 'segmentRef':
      return `segment ${name(expr.id)}`;
    case 'did': {
      const parts = [eventText(expr.negated ? 'did not' : 'did', expr)];
      if (expr.count) parts.push(`${COUNT_WORDS[expr.count.op]} ${expr.count.n} ${expr.count.n === 1 ? 'time' : 'times'}`);
      if (expr.window) parts.push(describeWindow(expr.window));
      return parts.join(' ');
    }
    case 'aggregate': {
      const parts = [`${AGGREGATE_FUNCTION_WORDS[expr.fn]} of ${eventText('', { event: expr.event, eventIsString: expr.eventIsString }).trim()}.${path(expr.property)}`];
      if (expr.where) parts.push(`where (${canonicalExpr(unwrapOneGroup(expr.where))})`);
      if (expr.window) parts.push(describeWindow(expr.window));
      const c = expr.comparison;
      if (c?.kind === 'compare') parts.push(`${c.op} ${literal(c.value)}`);
      else if (c) parts.push(`between ${literal(c.low)} and ${literal(c.high)}`);
      return parts.join(' ');
    }
    case 'sequence': {
      const parts = [eventText(expr.negated ? 'did not' : 'did', expr.first)];
      if (expr.first.window) parts.push(describeWindow(expr.first.window));
      for (const step of expr.steps) {
        parts.push(eventText(step.negated ? 'then did not' : 'then did', step));
        if (step.gap) parts.push(`within ${describeDuration(step.gap)}`);
        if (step.same) parts.push(`with same ${path(step.same)}`);
      }
      return parts.join(' ');
    }
    case 'firstLast': {
      const text = eventText(`${expr.which} did`, expr);
      return expr.window ? `${text} ${describeWindow(expr.window)}` : text;
    }
    case 'error':
      return '…';
  }
}

/** `did EVENT where (…)`: the event as written, the filter canonical. */
function eventText(keywords: string, ref: EventRef): string {
  const event = ref.eventIsString ? JSON.stringify(ref.event.text) : name(ref.event);
  return ref.where ? `${keywords} ${event} where (${canonicalExpr(unwrapOneGroup(ref.where))})` : `${keywords} ${event}`;
}

/** `where ((a))` reads as `where (a)`: the parentheses of `where` are its own. */
function unwrapOneGroup(expr: Expr): Expr {
  return expr.kind === 'group' ? unwrapOneGroup(expr.inner) : expr;
}
