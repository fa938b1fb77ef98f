// Syntax-tree nodes built directly (spans are dummies), for generated expressions
// in property tests where going through text would also test the parser.
import type {
  AggregateFunction,
  AgoRange,
  CompareOp,
  CountOp,
  Duration,
  DurationUnit,
  EventWindow,
  Expr,
  Literal,
  Name,
  Path,
  SegmentDecl,
} from '../../../server/src/core/syntax/ast';
import type { Span } from '../../../server/src/core/base/span';

export const span: Span = { start: 0, end: 0 };

export function name(text: string): Name {
  return { text, span, quoted: !/^[A-Za-z_][A-Za-z0-9_]*$/.test(text) };
}

export function path(text: string): Path {
  return { parts: text.split('.').map(name), text, span };
}

export const lit = {
  number: (value: number): Literal => ({ kind: 'number', value, raw: String(value), span }),
  string: (value: string): Literal => ({ kind: 'string', value, raw: JSON.stringify(value), span }),
  boolean: (value: boolean): Literal => ({ kind: 'boolean', value, raw: String(value), span }),
  date: (value: string): Literal => ({ kind: 'date', value, raw: value, span }),
  /** `value` is the UTC date of the instant, as the parser gives it. */
  datetime: (raw: string): Literal => ({ kind: 'datetime', value: new Date(raw).toISOString().slice(0, 10), raw, span }),
};

export function duration(amount: number, unit: DurationUnit): Duration {
  return { amount, unit, span };
}

/** `between low and high UNIT ago` */
export function agoRange(low: number, high: number, unit: DurationUnit): AgoRange {
  return { low: lit.number(low), high: lit.number(high), unit, unitSpan: span, span };
}

export const expr = {
  and: (...operands: Expr[]): Expr => ({ kind: 'and', operands, span }),
  or: (...operands: Expr[]): Expr => ({ kind: 'or', operands, span }),
  not: (operand: Expr): Expr => ({ kind: 'not', operand, span }),
  group: (inner: Expr): Expr => ({ kind: 'group', inner, span }),
  compare: (attribute: string, op: CompareOp, value: Literal): Expr => ({ kind: 'compare', attribute: path(attribute), op, opSpan: span, value, span }),
  in: (attribute: string, negated: boolean, values: Literal[]): Expr => ({ kind: 'in', attribute: path(attribute), negated, values, span }),
  between: (attribute: string, low: Literal, high: Literal): Expr => ({ kind: 'between', attribute: path(attribute), low, high, span }),
  presence: (attribute: string, missing: boolean): Expr => ({ kind: 'presence', attribute: path(attribute), missing, span }),
  contains: (attribute: string, mode: 'one' | 'any' | 'all', values: Literal[]): Expr => ({ kind: 'contains', attribute: path(attribute), mode, values, span }),
  textMatch: (attribute: string, op: 'startsWith' | 'endsWith', value: Literal): Expr => ({ kind: 'textMatch', attribute: path(attribute), op, value, span }),
  dateCompare: (attribute: string, op: 'before' | 'after', value: Literal): Expr => ({ kind: 'dateCompare', attribute: path(attribute), op, value, span }),
  withinLast: (attribute: string, d: Duration): Expr => ({ kind: 'withinLast', attribute: path(attribute), duration: d, span }),
  ago: (attribute: string, d: Duration): Expr => ({ kind: 'ago', attribute: path(attribute), duration: d, span }),
  agoBetween: (attribute: string, range: AgoRange): Expr => ({ kind: 'agoBetween', attribute: path(attribute), range, span }),
  boolean: (attribute: string): Expr => ({ kind: 'boolean', attribute: path(attribute), span }),
  segmentRef: (id: string): Expr => ({ kind: 'segmentRef', id: name(id), span }),
  did: (
    event: string,
    options: { negated?: boolean; where?: Expr; count?: { op: CountOp; n: number }; window?: EventWindow } = {},
  ): Expr => ({
    kind: 'did',
    negated: options.negated ?? false,
    event: name(event),
    eventIsString: !/^[A-Za-z_][A-Za-z0-9_]*$/.test(event),
    where: options.where,
    count: options.count && { ...options.count, span },
    window: options.window,
    span,
  }),
  firstLast: (which: 'first' | 'last', event: string, window: EventWindow, where?: Expr): Expr => ({
    kind: 'firstLast',
    which,
    whichSpan: span,
    event: name(event),
    eventIsString: !/^[A-Za-z_][A-Za-z0-9_]*$/.test(event),
    where,
    window,
    span,
  }),
  aggregate: (
    fn: AggregateFunction,
    event: string,
    property: string,
    comparison: { op: CompareOp; value: Literal } | { low: Literal; high: Literal },
    options: { where?: Expr; window?: EventWindow } = {},
  ): Expr => ({
    kind: 'aggregate',
    fn,
    fnSpan: span,
    event: name(event),
    eventIsString: !/^[A-Za-z_][A-Za-z0-9_]*$/.test(event),
    property: path(property),
    where: options.where,
    window: options.window,
    comparison: 'op' in comparison ? { kind: 'compare', ...comparison, opSpan: span, span } : { kind: 'between', ...comparison, span },
    span,
  }),
  sequence: (
    first: { event: string; where?: Expr; window?: EventWindow },
    steps: { event: string; negated?: boolean; where?: Expr; gap: Duration; same?: string }[],
    negated = false,
  ): Expr => ({
    kind: 'sequence',
    negated,
    first: { didSpan: span, event: name(first.event), eventIsString: !/^[A-Za-z_][A-Za-z0-9_]*$/.test(first.event), where: first.where, window: first.window, span },
    steps: steps.map((s) => ({
      thenSpan: span,
      negated: s.negated ?? false,
      event: name(s.event),
      eventIsString: !/^[A-Za-z_][A-Za-z0-9_]*$/.test(s.event),
      where: s.where,
      gap: s.gap,
      same: s.same === undefined ? undefined : path(s.same),
      span,
    })),
    span,
  }),
  error: (): Expr => ({ kind: 'error', span }),
};

export function segment(id: string, include: Expr | undefined, exclude?: Expr): SegmentDecl {
  const properties: SegmentDecl['properties'] = [];
  if (include) properties.push({ kind: 'include', keywordSpan: span, expr: include, span });
  if (exclude) properties.push({ kind: 'exclude', keywordSpan: span, expr: exclude, span });
  return { kind: 'segment', id: name(id), properties, span, hasSyntaxError: false, closed: true };
}
