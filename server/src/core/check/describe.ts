// A condition written back as source text, for messages that quote another
// condition ("can never be true together with `age > 50`"). The checker does
// not keep the file text, so it rebuilds the words from the tree.
import type { AgoRange, Duration, EventRef, EventWindow, Expr, Literal, Path } from '../syntax/ast';
import { formatName } from './format-name';

const MAX_LIST_ITEMS = 5;

export function describePath(path: Path): string {
  return path.parts.map((p) => (p.quoted ? `\`${p.text}\`` : formatName(p.text))).join('.');
}

function describeList(values: Literal[]): string {
  const shown = values.slice(0, MAX_LIST_ITEMS).map((v) => v.raw);
  if (values.length > MAX_LIST_ITEMS) shown.push('…');
  return `(${shown.join(', ')})`;
}

export function describeDuration(d: Pick<Duration, 'amount' | 'unit'>): string {
  return `${d.amount} ${d.unit}${d.amount === 1 ? '' : 's'}`;
}

export const AGGREGATE_FUNCTION_WORDS = { sum: 'sum', average: 'average', min: 'min', max: 'max', distinctCount: 'distinct count' } as const;

/** An event name as written: `purchase`, `"Order Completed"`. */
export function describeEvent(ref: EventRef): string {
  return ref.eventIsString ? JSON.stringify(ref.event.text) : formatName(ref.event.text);
}

/** An event window as written: `within last 30 days`, `since 2026-01-01`, `more than 90 days ago`. */
export function describeWindow(w: EventWindow): string {
  switch (w.kind) {
    case 'withinLast':
      return `within last ${describeDuration(w.duration)}`;
    case 'since':
      return `since ${w.date.raw}`;
    case 'between':
      return `between ${w.from.raw} and ${w.to.raw}`;
    case 'agoBetween':
      return describeAgoRange(w.range);
    case 'moreThanAgo':
      return `more than ${describeDuration(w.duration)} ago`;
  }
}

/** `between 30 and 90 days ago` */
export function describeAgoRange(range: AgoRange): string {
  const plural = range.high.kind === 'number' && range.high.value === 1 ? '' : 's';
  return `between ${range.low.raw} and ${range.high.raw} ${range.unit}${plural} ago`;
}

/** Source text of a single condition; combinators are summarised. */
export function describeCondition(expr: Expr): string {
  switch (expr.kind) {
    case 'compare':
      return `${describePath(expr.attribute)} ${expr.op} ${expr.value.raw}`;
    case 'in':
      return `${describePath(expr.attribute)} ${expr.negated ? 'not in' : 'in'} ${describeList(expr.values)}`;
    case 'between':
      return `${describePath(expr.attribute)} between ${expr.low.raw} and ${expr.high.raw}`;
    case 'presence':
      return `${describePath(expr.attribute)} is ${expr.missing ? 'missing' : 'present'}`;
    case 'contains':
      return expr.mode === 'one'
        ? `${describePath(expr.attribute)} contains ${expr.values[0]?.raw ?? ''}`
        : `${describePath(expr.attribute)} contains ${expr.mode} ${describeList(expr.values)}`;
    case 'textMatch':
      return `${describePath(expr.attribute)} ${expr.op === 'startsWith' ? 'starts with' : 'ends with'} ${expr.value.raw}`;
    case 'dateCompare':
      return `${describePath(expr.attribute)} ${expr.op} ${expr.value.raw}`;
    case 'withinLast':
      return `${describePath(expr.attribute)} within last ${describeDuration(expr.duration)}`;
    case 'ago':
      return `${describePath(expr.attribute)} more than ${describeDuration(expr.duration)} ago`;
    case 'agoBetween':
      return `${describePath(expr.attribute)} ${describeAgoRange(expr.range)}`;
    case 'boolean':
      return describePath(expr.attribute);
    case 'segmentRef':
      return `segment ${formatName(expr.id.text)}`;
    case 'did':
      return `did ${expr.negated ? 'not ' : ''}${describeEvent(expr)}`;
    case 'firstLast':
      return `${expr.which} did ${describeEvent(expr)}`;
    case 'sequence':
      return `${expr.negated ? 'did not' : 'did'} ${describeEvent(expr.first)}${expr.steps.map((s) => ` then did ${s.negated ? 'not ' : ''}${describeEvent(s)}`).join('')}`;
    case 'aggregate':
      return `${AGGREGATE_FUNCTION_WORDS[expr.fn]} of ${describeEvent(expr)}.${describePath(expr.property)}`;
    case 'group':
      return `(${describeCondition(expr.inner)})`;
    case 'not':
      return `not ${describeCondition(expr.operand)}`;
    case 'and':
    case 'or':
      return expr.operands.map(describeCondition).join(` ${expr.kind} `);
    case 'error':
      return '…';
  }
}
