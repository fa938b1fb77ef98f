// A deliberately naive evaluator, written straight from docs/language.md (conditions, events), one
// profile at a time over the plain JS rows a test store was built from. It
// shares no code with the real evaluator (own date parsing, own calendar, own
// string order), so the property test that compares the two checks the bitset
// machinery, the column encodings and the fast paths against the rules.
import type { AgoRange, Expr, Literal, SegmentDecl, DurationUnit, EventWindow } from '../../../server/src/core/syntax/ast';
import type { Cell, ColumnTypes, Row, StoreSpec } from './fixtures';

const DAY_MS = 86_400_000;

export interface ReferenceContext {
  spec: StoreSpec;
  /** 'YYYY-MM-DD' */
  asOf: string;
  segments: ReadonlyMap<string, SegmentDecl>;
}

function dayOfText(text: string): number {
  return Math.floor(Date.parse(text) / DAY_MS);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysBack(asOf: string, amount: number, unit: DurationUnit): number {
  const base = dayOfText(asOf);
  if (unit === 'day') return base - amount;
  if (unit === 'week') return base - 7 * amount;
  const months = unit === 'month' ? amount : 12 * amount;
  let y = Number(asOf.slice(0, 4));
  let m = Number(asOf.slice(5, 7)) - months;
  while (m < 1) {
    m += 12;
    y--;
  }
  const monthLengths = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const d = Math.min(Number(asOf.slice(8, 10)), monthLengths[m - 1]);
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

function codePointCompare(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

type Scalar = number | string;

/** The literal as a value of the column's type, or undefined when it does not fit. */
function literalAs(type: string, l: Literal): Scalar | undefined {
  if (type === 'number' && l.kind === 'number') return l.value;
  if (type === 'string' && l.kind === 'string') return l.value;
  if (type === 'boolean' && l.kind === 'boolean') return l.value ? 1 : 0;
  if (type === 'date' && l.kind === 'date') return dayOfText(l.value);
  if (type === 'date' && l.kind === 'datetime') return dayOfText(l.raw);
  return undefined;
}

function cellAs(type: string, c: Cell): Scalar {
  if (type === 'boolean') return c ? 1 : 0;
  if (type === 'date') return dayOfText(c as string);
  return c as Scalar;
}

function order(a: Scalar, b: Scalar): number {
  if (typeof a === 'string' && typeof b === 'string') return codePointCompare(a, b);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : (a as number) === (b as number) ? 0 : NaN;
}

interface Scope {
  types: ColumnTypes;
  row: Row;
  /** Present for profiles: `did` and `segment` only mean something there. */
  profile?: { id: string; stack: Set<string> };
}

export function referenceHolds(e: Expr, scope: Scope, ctx: ReferenceContext): boolean {
  const attr = 'attribute' in e ? e.attribute.text : '';
  const type = scope.types[attr];
  const cell = type ? scope.row[attr] : undefined;
  const missing = cell === null || cell === undefined;
  switch (e.kind) {
    case 'group':
      return referenceHolds(e.inner, scope, ctx);
    case 'and':
      return e.operands.every((o) => referenceHolds(o, scope, ctx));
    case 'or':
      return e.operands.some((o) => referenceHolds(o, scope, ctx));
    case 'not':
      return !referenceHolds(e.operand, scope, ctx);
    case 'error':
      return false;
    case 'presence':
      return e.missing ? missing : !missing;
    case 'compare': {
      const x = literalAs(type, e.value);
      if (missing || x === undefined) return false;
      const o = order(cellAs(type, cell), x);
      switch (e.op) {
        case '=': return o === 0;
        case '!=': return o !== 0;
        case '<': return o < 0;
        case '<=': return o <= 0;
        case '>': return o > 0;
        case '>=': return o >= 0;
      }
      return false;
    }
    case 'boolean':
      return type === 'boolean' && cell === true;
    case 'in': {
      const xs = e.values.map((v) => literalAs(type, v));
      if (missing || type === 'list' || xs.some((x) => x === undefined)) return false;
      const found = xs.some((x) => order(cellAs(type, cell), x!) === 0);
      return e.negated ? !found : found;
    }
    case 'between': {
      const lo = literalAs(type, e.low);
      const hi = literalAs(type, e.high);
      if (missing || lo === undefined || hi === undefined) return false;
      const v = cellAs(type, cell);
      return order(v, lo) >= 0 && order(v, hi) <= 0;
    }
    case 'contains': {
      if (missing || e.values.some((v) => v.kind !== 'string')) return false;
      const wanted = e.values.map((v) => v.value as string);
      let has: (w: string) => boolean;
      if (type === 'string') has = (w) => (cell as string).includes(w);
      else if (type === 'list') has = (w) => (cell as string[]).includes(w);
      else return false;
      return e.mode === 'all' ? wanted.every(has) : wanted.some(has);
    }
    case 'textMatch': {
      if (missing || type !== 'string' || e.value.kind !== 'string') return false;
      return e.op === 'startsWith' ? (cell as string).startsWith(e.value.value) : (cell as string).endsWith(e.value.value);
    }
    case 'dateCompare': {
      const d = literalAs(type, e.value);
      if (missing || type !== 'date' || d === undefined) return false;
      const v = cellAs(type, cell) as number;
      return e.op === 'before' ? v < (d as number) : v > (d as number);
    }
    case 'withinLast': {
      if (missing || type !== 'date') return false;
      const v = cellAs(type, cell) as number;
      return daysBack(ctx.asOf, e.duration.amount, e.duration.unit) <= v && v <= dayOfText(ctx.asOf);
    }
    case 'ago': {
      if (missing || type !== 'date') return false;
      return (cellAs(type, cell) as number) < daysBack(ctx.asOf, e.duration.amount, e.duration.unit);
    }
    case 'agoBetween': {
      if (missing || type !== 'date') return false;
      return inAgoRange(e.range, cellAs(type, cell) as number, ctx);
    }
    case 'segmentRef': {
      if (!scope.profile) return false;
      const decl = ctx.segments.get(e.id.text);
      // A reference back into the chain being expanded is a cycle: nobody.
      if (!decl || scope.profile.stack.has(e.id.text)) return false;
      const stack = new Set(scope.profile.stack).add(e.id.text);
      return referenceInSegment(decl, { ...scope, profile: { id: scope.profile.id, stack } }, ctx);
    }
    case 'firstLast': {
      if (!scope.profile || !e.window) return false;
      const matching = matchingEventsOf(e, scope.profile.id, ctx);
      if (matching.length === 0) return false;
      // Events in time order, ties in file order (the order the store keeps them in).
      const times = matching.map((ev) => Date.parse(String(ev.timestamp)));
      const pick = e.which === 'first' ? Math.min(...times) : Math.max(...times);
      return windowHolds(e.window, Math.floor(pick / DAY_MS), ctx) === true;
    }
    case 'aggregate':
      return scope.profile !== undefined && aggregateHolds(e, scope.profile.id, ctx);
    case 'sequence': {
      if (!scope.profile) return false;
      const holds = sequenceHolds(e, scope.profile.id, ctx);
      return e.negated ? !holds : holds;
    }
    case 'did': {
      if (!scope.profile) return false;
      const positive = didCount(e, scope.profile.id, ctx);
      return e.negated ? !positive : positive;
    }
  }
}

function windowHolds(w: EventWindow | undefined, day: number, ctx: ReferenceContext): boolean | undefined {
  if (!w) return true;
  const dateOf = (l: Literal) => (l.kind === 'date' ? dayOfText(l.value) : l.kind === 'datetime' ? dayOfText(l.raw) : undefined);
  if (w.kind === 'withinLast') return daysBack(ctx.asOf, w.duration.amount, w.duration.unit) <= day && day <= dayOfText(ctx.asOf);
  if (w.kind === 'agoBetween') return inAgoRange(w.range, day, ctx);
  if (w.kind === 'moreThanAgo') return day < daysBack(ctx.asOf, w.duration.amount, w.duration.unit);
  if (w.kind === 'since') {
    const from = dateOf(w.date);
    return from === undefined ? undefined : day >= from;
  }
  const from = dateOf(w.from);
  const to = dateOf(w.to);
  return from === undefined || to === undefined ? undefined : from <= day && day <= to;
}

/** `between N and M UNIT ago`: asOf − M ≤ day ≤ asOf − N; N or M not a number matches nothing. */
function inAgoRange(range: AgoRange, day: number, ctx: ReferenceContext): boolean {
  if (range.low.kind !== 'number' || range.high.kind !== 'number') return false;
  return daysBack(ctx.asOf, range.high.value, range.unit) <= day && day <= daysBack(ctx.asOf, range.low.value, range.unit);
}

const eventIndex = new WeakMap<Row[], Map<string, Row[]>>();

/** A profile's event rows (an index, so samples of thousands of profiles stay quick). */
function eventsOf(spec: StoreSpec, profileId: string): Row[] {
  const all = spec.events ?? [];
  let byId = eventIndex.get(all);
  if (!byId) {
    byId = new Map();
    for (const ev of all) {
      const list = byId.get(String(ev.id)) ?? [];
      list.push(ev);
      byId.set(String(ev.id), list);
    }
    eventIndex.set(all, byId);
  }
  return byId.get(profileId) ?? [];
}

/**
 * Aggregates straight from the rows: the present values on the events of that
 * name, in the window and passing the filter. Sums in integer millionths
 * (bigints), averages compared as sum against threshold × count, both exact.
 */
function aggregateHolds(e: Extract<Expr, { kind: 'aggregate' }>, profileId: string, ctx: ReferenceContext): boolean {
  const c = e.comparison;
  if (!c) return false;
  if (e.window && windowHolds(e.window, 0, ctx) === undefined) return false;
  const type = e.property.text === 'timestamp' ? 'date' : ctx.spec.eventTypes?.[e.property.text];
  const values = matchingEventsOf(e, profileId, ctx)
    .filter((ev) => windowHolds(e.window, dayOfText(String(ev.timestamp)), ctx))
    .map((ev) => ev[e.property.text])
    .filter((v) => v !== null && v !== undefined);
  const literals = c.kind === 'compare' ? [c.value] : [c.low, c.high];
  if (literals.some((l) => l.kind !== 'number')) return false;
  const test = (x: number | bigint, scale: (l: number) => number | bigint): boolean => {
    const at = (l: Literal) => scale(l.value as number);
    if (c.kind === 'between') return x >= at(c.low) && x <= at(c.high);
    const y = at(c.value);
    switch (c.op) {
      case '=': return x === y || (typeof x !== typeof y && Number(x) === Number(y));
      case '!=': return Number(x) !== Number(y);
      case '<': return x < y;
      case '<=': return x <= y;
      case '>': return x > y;
      case '>=': return x >= y;
    }
  };
  // Values count in millionths; thresholds are compared in billionths, where the test literals are exact.
  const nanoOfValue = (v: number) => BigInt(Math.round(v * 1e6)) * 1000n;
  const nano = (l: number) => BigInt(Math.round(l * 1e9));
  switch (e.fn) {
    case 'sum': {
      if (type !== 'number') return test(0n, nano);
      return test(values.reduce((s: bigint, v) => s + nanoOfValue(v as number), 0n), nano);
    }
    case 'average': {
      if (type !== 'number' || values.length === 0) return false;
      const sum = values.reduce((s: bigint, v) => s + nanoOfValue(v as number), 0n);
      return test(sum, (l) => nano(l) * BigInt(values.length));
    }
    case 'min':
    case 'max': {
      if (type !== 'number' || values.length === 0) return false;
      const nums = values as number[];
      return test(e.fn === 'min' ? Math.min(...nums) : Math.max(...nums), (l) => l);
    }
    case 'distinctCount': {
      if (type === 'list') return test(0, (l) => l);
      const keys = values.map((v) => (type === 'date' ? dayOfText(String(v)) : type === 'number' ? Number(v) + 0 : v));
      return test(new Set(keys).size, (l) => l);
    }
  }
}

const SECONDS_PER: Record<string, number> = { minute: 60, hour: 3600, day: 86_400, week: 604_800 };

/**
 * Sequences by brute force: every chain of events, step by step, tried in turn.
 * Instants in ms from each event's own timestamp text.
 */
function sequenceHolds(e: Extract<Expr, { kind: 'sequence' }>, profileId: string, ctx: ReferenceContext): boolean {
  if (e.first.window && windowHolds(e.first.window, 0, ctx) === undefined) return false;
  const gaps = e.steps.map((s) => (s.gap && SECONDS_PER[s.gap.unit] !== undefined ? s.gap.amount * SECONDS_PER[s.gap.unit] * 1000 : undefined));
  if (gaps.some((g) => g === undefined)) return false;
  const at = (ev: Row) => Date.parse(String(ev.timestamp));
  const value = (ev: Row, name: string) => {
    const v = name === 'timestamp' ? dayOfText(String(ev.timestamp)) : ev[name];
    return typeof v === 'number' ? v + 0 : v;
  };
  const firsts = matchingEventsOf(e.first, profileId, ctx).filter((ev) => windowHolds(e.first.window, dayOfText(String(ev.timestamp)), ctx));
  const stepEvents = e.steps.map((s) => matchingEventsOf(s, profileId, ctx));
  const sameOk = (k: number, before: Row, here: Row) => {
    const name = e.steps[k].same?.text;
    if (name === undefined) return true;
    const [a, b] = [value(before, name), value(here, name)];
    return a !== null && a !== undefined && b !== null && b !== undefined && a === b;
  };
  const follows = (k: number, before: Row, here: Row) => at(here) > at(before) && at(here) <= at(before) + gaps[k]! && sameOk(k, before, here);
  const asOfEnd = (dayOfText(ctx.asOf) + 1) * DAY_MS;
  const last = e.steps.length - 1;
  const chainFrom = (k: number, before: Row): boolean => {
    if (k > last) return true;
    if (k === last && e.steps[k].negated) {
      return at(before) + gaps[k]! < asOfEnd && !stepEvents[k].some((here) => follows(k, before, here));
    }
    return stepEvents[k].some((here) => follows(k, before, here) && chainFrom(k + 1, here));
  };
  return firsts.some((ev) => chainFrom(0, ev));
}

/** A profile's events of the condition's name that pass its filter (no window). */
function matchingEventsOf(e: { event: { text: string }; where?: Expr }, profileId: string, ctx: ReferenceContext): Row[] {
  const eventTypes: ColumnTypes = { timestamp: 'date', ...(ctx.spec.eventTypes ?? {}) };
  return eventsOf(ctx.spec, profileId).filter(
    (ev) => ev.event === e.event.text && (!e.where || referenceHolds(e.where, { types: eventTypes, row: ev }, ctx)),
  );
}

function didCount(e: Extract<Expr, { kind: 'did' }>, profileId: string, ctx: ReferenceContext): boolean {
  const eventTypes: ColumnTypes = { timestamp: 'date', ...(ctx.spec.eventTypes ?? {}) };
  // A window whose dates are not dates: the whole condition matches nobody.
  if (e.window && windowHolds(e.window, 0, ctx) === undefined) return false;
  let count = 0;
  for (const ev of eventsOf(ctx.spec, profileId)) {
    if (ev.event !== e.event.text) continue;
    if (!windowHolds(e.window, dayOfText(String(ev.timestamp)), ctx)) continue;
    if (e.where && !referenceHolds(e.where, { types: eventTypes, row: ev }, ctx)) continue;
    count++;
  }
  const n = e.count?.n ?? 1;
  switch (e.count?.op ?? 'atLeast') {
    case 'atLeast': return count >= n;
    case 'atMost': return count <= n;
    case 'exactly': return count === n;
  }
}

function referenceInSegment(decl: SegmentDecl, scope: Scope, ctx: ReferenceContext): boolean {
  const include = decl.properties.find((p) => p.kind === 'include');
  const exclude = decl.properties.find((p) => p.kind === 'exclude');
  if (!include || include.kind !== 'include') return false;
  if (!referenceHolds(include.expr, scope, ctx)) return false;
  return !(exclude && exclude.kind === 'exclude' && referenceHolds(exclude.expr, scope, ctx));
}

/** Ids of the profiles for which `e` holds. */
export function referenceConditionIds(e: Expr, ctx: ReferenceContext, segmentId?: string): string[] {
  return ctx.spec.profiles
    .filter((row) => referenceHolds(e, profileScope(row, ctx, segmentId), ctx))
    .map((row) => String(row.id));
}

/** Ids of the segment's members, in profile order. */
export function referenceMembers(decl: SegmentDecl, ctx: ReferenceContext): string[] {
  return ctx.spec.profiles
    .filter((row) => referenceInSegment(decl, profileScope(row, ctx, decl.id?.text), ctx))
    .map((row) => String(row.id));
}

function profileScope(row: Row, ctx: ReferenceContext, segmentId: string | undefined): Scope {
  return { types: ctx.spec.types, row, profile: { id: String(row.id), stack: new Set(segmentId ? [segmentId] : []) } };
}
