// The syntax tree of a `.segment` file. Every node carries the character offsets
// of the text it came from (`span`), so diagnostics, hovers and edits can point at
// it. Offsets are 0-based UTF-16 code-unit positions into the file text, end exclusive.

import type { Span } from '../base/span';

/** A name as written: `geo`, `` `Preferred channel` ``. `text` is the name without backticks. */
export interface Name {
  text: string;
  span: Span;
  quoted: boolean;
}

/** A dotted attribute or property path: `geo.city`. `text` joins the parts with `.`. */
export interface Path {
  parts: Name[];
  text: string;
  span: Span;
}

export type Literal =
  | { kind: 'number'; value: number; raw: string; span: Span }
  | { kind: 'string'; value: string; raw: string; span: Span }
  | { kind: 'boolean'; value: boolean; raw: string; span: Span }
  /** `2026-01-31`; `value` is the same text. */
  | { kind: 'date'; value: string; raw: string; span: Span }
  /** `2026-01-31T08:00:00Z`; `value` is the UTC calendar date it falls on (`2026-01-31`). */
  | { kind: 'datetime'; value: string; raw: string; span: Span };

export type LiteralKind = Literal['kind'];

/** Minutes and hours are exact times, only for the gaps of a sequence; the others count calendar days. */
export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface Duration {
  amount: number;
  unit: DurationUnit;
  span: Span;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Expr =
  | OrExpr
  | AndExpr
  | NotExpr
  | GroupExpr
  | CompareExpr
  | InExpr
  | BetweenExpr
  | PresenceExpr
  | ContainsExpr
  | TextMatchExpr
  | DateCompareExpr
  | WithinLastExpr
  | AgoExpr
  | AgoBetweenExpr
  | BooleanExpr
  | SegmentRefExpr
  | DidExpr
  | FirstLastExpr
  | AggregateExpr
  | SequenceExpr
  | ErrorExpr;

/** `a or b or c`: operands in source order, at least two. */
export interface OrExpr {
  kind: 'or';
  operands: Expr[];
  span: Span;
}

/** `a and b and c`: operands in source order, at least two. */
export interface AndExpr {
  kind: 'and';
  operands: Expr[];
  span: Span;
}

export interface NotExpr {
  kind: 'not';
  operand: Expr;
  span: Span;
}

/** Parentheses as written; kept so the formatter never drops them. */
export interface GroupExpr {
  kind: 'group';
  inner: Expr;
  span: Span;
}

export interface CompareExpr {
  kind: 'compare';
  attribute: Path;
  op: CompareOp;
  opSpan: Span;
  value: Literal;
  span: Span;
}

/** `a in (v, …)` / `a not in (…)` */
export interface InExpr {
  kind: 'in';
  attribute: Path;
  negated: boolean;
  values: Literal[];
  span: Span;
}

/** `a between v and w`, both ends included. */
export interface BetweenExpr {
  kind: 'between';
  attribute: Path;
  low: Literal;
  high: Literal;
  span: Span;
}

/** `a is missing` / `a is present` */
export interface PresenceExpr {
  kind: 'presence';
  attribute: Path;
  missing: boolean;
  span: Span;
}

/**
 * `a contains v` (substring on strings, membership on lists),
 * `a contains any (…)`, `a contains all (…)` (lists).
 */
export interface ContainsExpr {
  kind: 'contains';
  attribute: Path;
  mode: 'one' | 'any' | 'all';
  values: Literal[];
  span: Span;
}

/** `a starts with "x"` / `a ends with "x"` */
export interface TextMatchExpr {
  kind: 'textMatch';
  attribute: Path;
  op: 'startsWith' | 'endsWith';
  value: Literal;
  span: Span;
}

/** `a before D` / `a after D`: strictly earlier / later. */
export interface DateCompareExpr {
  kind: 'dateCompare';
  attribute: Path;
  op: 'before' | 'after';
  value: Literal;
  span: Span;
}

/** `a within last 30 days`: asOf − 30 days ≤ a ≤ asOf. */
export interface WithinLastExpr {
  kind: 'withinLast';
  attribute: Path;
  duration: Duration;
  span: Span;
}

/** `a more than 90 days ago`: a < asOf − 90 days. */
export interface AgoExpr {
  kind: 'ago';
  attribute: Path;
  duration: Duration;
  span: Span;
}

/**
 * `N and M UNIT ago`, after `between`: from M units before asOf to N units
 * before it, both days included. `low` and `high` are N and M as written (the
 * checker reports anything but whole numbers, and N above M).
 */
export interface AgoRange {
  low: Literal;
  high: Literal;
  unit: DurationUnit;
  unitSpan: Span;
  span: Span;
}

/** `a between 30 and 90 days ago`: asOf − 90 days ≤ a ≤ asOf − 30 days. */
export interface AgoBetweenExpr {
  kind: 'agoBetween';
  attribute: Path;
  range: AgoRange;
  span: Span;
}

/** `a` alone: a = true. */
export interface BooleanExpr {
  kind: 'boolean';
  attribute: Path;
  span: Span;
}

/** `segment ID`: membership of another segment. */
export interface SegmentRefExpr {
  kind: 'segmentRef';
  id: Name;
  span: Span;
}

export type CountOp = 'atLeast' | 'atMost' | 'exactly';

export interface EventCount {
  op: CountOp;
  n: number;
  span: Span;
}

export type EventWindow =
  | { kind: 'withinLast'; duration: Duration; span: Span }
  | { kind: 'since'; date: Literal; span: Span }
  | { kind: 'between'; from: Literal; to: Literal; span: Span }
  /** `between N and M UNIT ago`: the event's day lies from asOf − M to asOf − N. */
  | { kind: 'agoBetween'; range: AgoRange; span: Span }
  /** `more than N UNIT ago`: the event's day lies before asOf − N. */
  | { kind: 'moreThanAgo'; duration: Duration; span: Span };

/** `did [not] EVENT [where (EXPR)] [COUNT] [WINDOW]` */
export interface DidExpr {
  kind: 'did';
  negated: boolean;
  /** The event name; `quoted` in the Name is false for identifiers. */
  event: Name;
  /** True when the event was written as a string (`did "Order Completed"`). */
  eventIsString: boolean;
  where?: Expr;
  count?: EventCount;
  window?: EventWindow;
  span: Span;
}

/**
 * `first did EVENT [where (…)] WINDOW` / `last did …`: the profile's earliest
 * (latest) event of that name that passes the filter lies in the window.
 */
export interface FirstLastExpr {
  kind: 'firstLast';
  which: 'first' | 'last';
  whichSpan: Span;
  event: Name;
  eventIsString: boolean;
  where?: Expr;
  /** Undefined only when missing (a syntax error says so). */
  window?: EventWindow;
  span: Span;
}

export type AggregateFunction = 'sum' | 'average' | 'min' | 'max' | 'distinctCount';

/** What an aggregate's value is compared with: `> 5000`, `between 100 and 500`. */
export type AggregateComparison =
  | { kind: 'compare'; op: CompareOp; opSpan: Span; value: Literal; span: Span }
  | { kind: 'between'; low: Literal; high: Literal; span: Span };

/**
 * `sum of purchase.amount [where (…)] [WINDOW] > 5000`: the function over the
 * property's present values on the profile's events of that name that pass the
 * filter and lie in the window, compared with a number.
 */
export interface AggregateExpr {
  kind: 'aggregate';
  fn: AggregateFunction;
  /** `sum`, …, or `distinct count`. */
  fnSpan: Span;
  event: Name;
  eventIsString: boolean;
  property: Path;
  where?: Expr;
  window?: EventWindow;
  /** Undefined only when missing (a syntax error says so). */
  comparison?: AggregateComparison;
  span: Span;
}

/** The first step of a sequence: `did EVENT [where (…)] [WINDOW]`. */
export interface SequenceStart {
  /** The `did` keyword. */
  didSpan: Span;
  event: Name;
  eventIsString: boolean;
  where?: Expr;
  window?: EventWindow;
  span: Span;
}

/** A later step: `then did [not] EVENT [where (…)] within DURATION [with same PROPERTY]`. */
export interface SequenceStep {
  thenSpan: Span;
  /** `then did not`: only the last step may be. */
  negated: boolean;
  event: Name;
  eventIsString: boolean;
  where?: Expr;
  /** The most time after the step before; undefined only when missing (a syntax error says so). */
  gap?: Duration;
  /** `with same product_id`: the property must be equal on this event and the one before, both present. */
  same?: Path;
  span: Span;
}

/**
 * `did A … then did B within D …`: a chain of two or more steps, each event
 * strictly later than the one before and at most its gap after it.
 */
export interface SequenceExpr {
  kind: 'sequence';
  /** `did not` before the first step: the whole chain is negated, as `not` does. */
  negated: boolean;
  first: SequenceStart;
  /** One or more. */
  steps: SequenceStep[];
  span: Span;
}

/** What every behaviour condition names: an event, and perhaps a filter on its properties. */
export interface EventRef {
  event: Name;
  eventIsString: boolean;
  where?: Expr;
}

const NO_EVENT_REFS: readonly EventRef[] = [];

/** The events an expression node names itself (not those of its sub-expressions). */
export function eventRefsOf(expr: Expr): readonly EventRef[] {
  switch (expr.kind) {
    case 'did':
    case 'firstLast':
    case 'aggregate':
      return [expr];
    case 'sequence':
      return [expr.first, ...expr.steps];
    default:
      return NO_EVENT_REFS;
  }
}

/** Stands where the parser could not make sense of the text; always comes with a syntax error. */
export interface ErrorExpr {
  kind: 'error';
  span: Span;
}

export type PropertyKeyword = 'title' | 'description' | 'owner' | 'tags' | 'include' | 'exclude';

export type Property =
  | { kind: 'title' | 'description' | 'owner'; keywordSpan: Span; value?: Literal; span: Span }
  | { kind: 'tags'; keywordSpan: Span; tags: Name[]; span: Span }
  | { kind: 'include' | 'exclude'; keywordSpan: Span; expr: Expr; span: Span };

export interface SegmentDecl {
  kind: 'segment';
  /** Undefined when the id is missing (a syntax error says so). */
  id?: Name;
  properties: Property[];
  /** From `segment` to the closing brace (or as far as the parser got). */
  span: Span;
  /** True when a syntax error lies inside this block: the formatter leaves it as written. */
  hasSyntaxError: boolean;
  /** False when the closing `}` is missing. */
  closed: boolean;
}

export interface Comment {
  text: string;
  span: Span;
}

export interface SegmentFile {
  segments: SegmentDecl[];
  comments: Comment[];
  span: Span;
}

/** A condition on one attribute (not `did`, `segment`, or a combinator). */
export type AttributeCondition = Extract<
  Expr,
  { kind: 'compare' | 'in' | 'between' | 'presence' | 'contains' | 'textMatch' | 'dateCompare' | 'withinLast' | 'ago' | 'agoBetween' | 'boolean' }
>;

export function isAttributeCondition(expr: Expr): expr is AttributeCondition {
  switch (expr.kind) {
    case 'compare':
    case 'in':
    case 'between':
    case 'presence':
    case 'contains':
    case 'textMatch':
    case 'dateCompare':
    case 'withinLast':
    case 'ago':
    case 'agoBetween':
    case 'boolean':
      return true;
    default:
      return false;
  }
}

/** The attribute path a condition tests, or undefined for `did`, `segment`, combinators. */
export function conditionAttribute(expr: Expr): Path | undefined {
  return isAttributeCondition(expr) ? expr.attribute : undefined;
}

/** Direct sub-expressions of an expression (not descending into the `where` of behaviour conditions). */
export function childExprs(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'or':
    case 'and':
      return expr.operands;
    case 'not':
      return [expr.operand];
    case 'group':
      return [expr.inner];
    default:
      return [];
  }
}

/** Visits every expression node, depth first, including the `where` filters of behaviour conditions. */
export function walkExpr(expr: Expr, visit: (e: Expr, insideWhere: boolean) => void, insideWhere = false): void {
  visit(expr, insideWhere);
  for (const child of childExprs(expr)) walkExpr(child, visit, insideWhere);
  for (const ref of eventRefsOf(expr)) if (ref.where) walkExpr(ref.where, visit, true);
}

/** Strips parentheses: `((a))` → `a`. */
export function unwrapGroups(expr: Expr): Expr {
  let e = expr;
  while (e.kind === 'group') e = e.inner;
  return e;
}

/** The top-level `and` conditions of an expression (one when it is not an `and`). */
export function topLevelConditions(expr: Expr): Expr[] {
  const e = unwrapGroups(expr);
  return e.kind === 'and' ? e.operands : [expr];
}

/** Ids of the segments an expression refers to with `segment ID`, in source order. */
export function referencedSegmentIds(expr: Expr): string[] {
  const ids: string[] = [];
  walkExpr(expr, (e) => {
    if (e.kind === 'segmentRef' && e.id.text) ids.push(e.id.text);
  });
  return ids;
}

/** Ids referenced from a segment's include and exclude. */
export function segmentDependencies(decl: SegmentDecl): string[] {
  return decl.properties.flatMap((p) => (p.kind === 'include' || p.kind === 'exclude' ? referencedSegmentIds(p.expr) : []));
}
