// Random segment text over a project's catalog, for the agreement property
// test: every condition form of docs/language.md (conditions and events) on every attribute type,
// nested at random with and / or / not / parentheses, with `segment` references
// to the project's own segments and `did` with where-filters, counts and
// windows. Values come from the sample itself (so conditions select someone),
// from the edges of the relative windows around asOf (so the inclusive and
// strict ends are hit), and sometimes from values the sample never holds.
//
// The output is text, parsed by the real parser: the test exercises the whole
// pipeline. Some generated segments are rejected by the checker (a value
// outside the schema's allowed values, a reversed range); the test counts them.
import fc from 'fast-check';
import type { Catalog, FieldInfo } from '../../server/src/core/sample/catalog-types';
import { columnLength, isMissing, valueAt, type Column, type SampleStore } from '../../server/src/core/sample/store';
import { formatDay, parseIsoDay } from '../../server/src/core/base/days';
import { type ValueType } from '../../server/src/core/base/value-type';

const DAY_MS = 86_400_000;
const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** Always keywords at the start of a condition: such names need backticks. */
const RESERVED = new Set(['not', 'segment', 'did']);

/** The values one attribute (or event property) can be tested against. */
interface FieldValues {
  name: string;
  type: ValueType;
  /** As literal text: `42`, `"Oslo"`, `2026-10-01`, `true`. */
  seen: string[];
  neverSeen: string[];
  /** Text pieces for contains / starts with / ends with (strings only). */
  pieces: string[];
  /** Share of rows without a value (0..1). */
  missingShare: number;
}

export interface Vocabulary {
  attributes: FieldValues[];
  /** Event name → its properties (plus `timestamp`). */
  events: Map<string, FieldValues[]>;
  segmentIds: string[];
  dates: string[];
}

const quote = (text: string) => JSON.stringify(text);

export function nameText(name: string): string {
  return SIMPLE_NAME.test(name) && !RESERVED.has(name) ? name : `\`${name}\``;
}

/** Up to `n` items spread evenly over a sorted list (the smallest and the largest included). */
function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))]);
}

/** Rows of the column to read values from (undefined: all rows). */
function distinctValues(column: Column, rows?: Int32Array): { numbers: number[]; texts: string[] } {
  const numbers = new Set<number>();
  const texts = new Set<string>();
  const visit = (i: number) => {
    if (isMissing(column, i)) return;
    switch (column.type) {
      case 'number':
        numbers.add(valueAt(column, i));
        break;
      case 'date':
        numbers.add(valueAt(column, i));
        break;
      case 'string':
        texts.add(column.dictionary[column.codes[i]]);
        break;
      case 'list':
        for (let k = column.offsets[i]; k < column.offsets[i + 1]; k++) texts.add(column.dictionary[column.itemCodes[k]]);
        break;
      case 'boolean':
        break;
    }
  };
  if (rows) rows.forEach(visit);
  else for (let i = 0; i < columnLength(column); i++) visit(i);
  return { numbers: [...numbers].sort((a, b) => a - b), texts: [...texts].sort() };
}

/** Days around asOf where relative windows start: N days, weeks, months and years back, and either side. */
export function windowEdgeDays(asOf: string): string[] {
  const base = parseIsoDay(asOf)!;
  const d = new Date(base * DAY_MS);
  const monthsBack = (n: number) => {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() - n;
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY_MS;
  };
  const starts = [base, base - 7, base - 30, base - 90, monthsBack(3), monthsBack(12)];
  return [...new Set(starts.flatMap((s) => [s - 1, s, s + 1]))].sort((a, b) => a - b).map(formatDay);
}

function fieldValues(info: FieldInfo, column: Column | undefined, asOfDates: string[], rows?: Int32Array): FieldValues {
  return { ...typedValues(info, column, asOfDates, rows), missingShare: missingShare(column, rows) };
}

function missingShare(column: Column | undefined, rows?: Int32Array): number {
  if (!column) return 1;
  const indices = rows ?? Array.from({ length: columnLength(column) }, (_, i) => i);
  let missing = 0;
  for (const i of indices) missing += +isMissing(column, i);
  return indices.length === 0 ? 1 : missing / indices.length;
}

function typedValues(info: FieldInfo, column: Column | undefined, asOfDates: string[], rows?: Int32Array): Omit<FieldValues, 'missingShare'> {
  const { numbers, texts } = column ? distinctValues(column, rows) : { numbers: [], texts: [] };
  const allowed = info.allowedValues ?? [];
  switch (info.type) {
    case 'number': {
      const seen = spread(numbers, 12);
      const median = seen[Math.floor(seen.length / 2)] ?? 0;
      return { name: info.name, type: 'number', seen: seen.map(String), neverSeen: ['-1', '0.5', String(median + 0.25), String(median / 3), '0.30000000000000004', '1000000', '1e-7'], pieces: [] };
    }
    case 'date': {
      const seen = spread(numbers, 8).map(formatDay);
      return { name: info.name, type: 'date', seen: [...seen, ...asOfDates], neverSeen: ['1999-12-31', '2030-01-01'], pieces: [] };
    }
    case 'boolean':
      return { name: info.name, type: 'boolean', seen: ['true', 'false'], neverSeen: [], pieces: [] };
    case 'string': {
      const values = [...new Set([...spread(texts, 15), ...allowed])];
      const pieces = values.flatMap((v) => {
        const chars = [...v];
        const cut = Math.max(1, Math.floor(chars.length / 2));
        return [chars.slice(0, cut).join(''), chars.slice(cut).join(''), chars.slice(1, -1).join('')];
      });
      // With allowed values in the schema, anything else is an error: rare, to keep most segments valid.
      const neverSeen = allowed.length > 0 ? ['unknown'] : ['oslo', 'Zzz', 'Ø', 'a b'];
      return { name: info.name, type: 'string', seen: values.map(quote), neverSeen: neverSeen.map(quote), pieces: [...new Set([...pieces, '_', '/', 'e', ''])].map(quote) };
    }
    case 'list': {
      const values = [...new Set([...texts, ...allowed])];
      return { name: info.name, type: 'list', seen: values.map(quote), neverSeen: [quote('golf')], pieces: [] };
    }
  }
}

function eventRowsByName(store: SampleStore): Map<string, Int32Array> {
  const events = store.events;
  const byName = new Map<string, number[]>();
  if (!events) return new Map();
  for (let i = 0; i < events.count; i++) {
    const name = events.eventNames[events.nameCodes[i]];
    let rows = byName.get(name);
    if (!rows) byName.set(name, (rows = []));
    rows.push(i);
  }
  return new Map([...byName].map(([name, rows]) => [name, Int32Array.from(rows)]));
}

/** `asOfs`: the days windows may count back from in the runs; their window edges become date values. */
export function buildVocabulary(store: SampleStore, catalog: Catalog, asOfs: string[], segmentIds: string[]): Vocabulary {
  const edges = [...new Set(asOfs.flatMap(windowEdgeDays))].sort();
  const attributes = [...catalog.attributes.values()].map((info) => fieldValues(info, store.profiles.columns.get(info.name), edges));
  const rowsByName = eventRowsByName(store);
  const events = new Map<string, FieldValues[]>();
  for (const [name, info] of catalog.events) {
    const rows = rowsByName.get(name) ?? new Int32Array(0);
    const props = [...info.properties.values()].map((p) => fieldValues(p, store.events?.properties.get(p.name), edges, rows));
    const timestamp: FieldInfo = { name: 'timestamp', type: 'date', source: 'sample' };
    if (!info.properties.has('timestamp')) props.push(fieldValues(timestamp, undefined, edges));
    events.set(name, props);
  }
  return { attributes, events, segmentIds, dates: edges };
}

// ---- conditions -------------------------------------------------------------------

/** Mostly values the sample holds; sometimes one it never does. */
function valueOf(field: FieldValues): fc.Arbitrary<string> {
  const seen = field.seen.length > 0 ? fc.constantFrom(...field.seen) : undefined;
  const never = field.neverSeen.length > 0 ? fc.constantFrom(...field.neverSeen) : undefined;
  if (seen && never) return fc.oneof({ weight: 9, arbitrary: seen }, { weight: 1, arbitrary: never });
  return (seen ?? never)!;
}

/** A date literal, sometimes as a date-time (UTC, or with an offset that moves it to another UTC day). */
function dateValue(field: FieldValues): fc.Arbitrary<string> {
  return fc.tuple(valueOf(field), fc.constantFrom('', '', '', 'T00:00:00Z', 'T23:30:00-02:00', 'T00:30:00+01:00', 'T12:00:00Z')).map(([d, t]) => d + t);
}

const durationArb = fc
  .tuple(fc.constantFrom(1, 2, 3, 7, 10, 14, 30, 90, 180, 365), fc.constantFrom('day', 'week', 'month', 'year'))
  .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`);

/** `between N and M UNIT ago`; one time in twenty with N above M (an empty range the checker rejects). */
const agoRangeArb = fc
  .tuple(fc.constantFrom(0, 1, 2, 3, 7, 30, 90), fc.constantFrom(0, 1, 3, 14, 90, 365), fc.constantFrom('day', 'week', 'month', 'year'), fc.integer({ min: 0, max: 19 }))
  .map(([n, m, unit, keep]) => {
    const [near, far] = keep === 0 || n <= m ? [n, m] : [m, n];
    return `between ${near} and ${far} ${unit}${far === 1 ? '' : 's'} ago`;
  });

const compareOps = ['=', '!=', '<', '<=', '>', '>='];
const ORDER_BOUNDS = fc.constantFrom(...['a', 'Z', 'oslo', 'Å', 'Ø', 'é', 'Mz', 'm', '_', '😀', ''].map(quote));

/** `arb` one time in `every`, null otherwise. */
function sometimes(arb: fc.Arbitrary<string>, every: number): fc.Arbitrary<string | null> {
  return fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

function listOf(value: fc.Arbitrary<string>, min = 1): fc.Arbitrary<string> {
  return fc.array(value, { minLength: min, maxLength: 4 }).map((vs) => `(${vs.join(', ')})`);
}

/** Two values in order (low, high); one time in twenty left as drawn, so some ranges are reversed. */
function range(value: fc.Arbitrary<string>, order: (a: string, b: string) => number): fc.Arbitrary<[string, string]> {
  return fc.tuple(value, value, fc.integer({ min: 0, max: 19 })).map(([a, b, keep]) => (keep === 0 || order(a, b) <= 0 ? [a, b] : [b, a]));
}

const byNumber = (a: string, b: string) => Number(a) - Number(b);
const byDay = (a: string, b: string) => (a.slice(0, 10) < b.slice(0, 10) ? -1 : a.slice(0, 10) > b.slice(0, 10) ? 1 : 0);

/** One test of one attribute or event property, of any form that fits its type. */
export function conditionOn(field: FieldValues): fc.Arbitrary<string> {
  const a = nameText(field.name);
  const presence = fc.constantFrom(`${a} is missing`, `${a} is present`);
  const value = valueOf(field);
  switch (field.type) {
    case 'number':
      return fc.oneof(
        { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...compareOps), value).map(([op, v]) => `${a} ${op} ${v}`) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom('in', 'not in'), listOf(value)).map(([op, vs]) => `${a} ${op} ${vs}`) },
        { weight: 2, arbitrary: range(value, byNumber).map(([lo, hi]) => `${a} between ${lo} and ${hi}`) },
        { weight: 1, arbitrary: presence },
      );
    case 'string': {
      const piece = fc.constantFrom(...field.pieces);
      return fc.oneof(
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom('=', '!='), value).map(([op, v]) => `${a} ${op} ${v}`) },
        // Order bounds need not be values: pieces and case / accent neighbours make code-point order matter.
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom('<', '<=', '>', '>='), fc.oneof(value, piece, ORDER_BOUNDS)).map(([op, v]) => `${a} ${op} ${v}`) },
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom('in', 'not in'), listOf(value)).map(([op, vs]) => `${a} ${op} ${vs}`) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom('contains', 'starts with', 'ends with'), piece).map(([op, v]) => `${a} ${op} ${v}`) },
        { weight: 1, arbitrary: presence },
      );
    }
    case 'boolean':
      return fc.oneof(
        { weight: 3, arbitrary: fc.constant(a) },
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom('=', '!='), value).map(([op, v]) => `${a} ${op} ${v}`) },
        { weight: 1, arbitrary: presence },
      );
    case 'date': {
      const date = dateValue(field);
      return fc.oneof(
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...compareOps), date).map(([op, v]) => `${a} ${op} ${v}`) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom('before', 'after'), date).map(([op, v]) => `${a} ${op} ${v}`) },
        { weight: 2, arbitrary: range(date, byDay).map(([lo, hi]) => `${a} between ${lo} and ${hi}`) },
        { weight: 2, arbitrary: durationArb.map((d) => `${a} within last ${d}`) },
        { weight: 2, arbitrary: durationArb.map((d) => `${a} more than ${d} ago`) },
        { weight: 2, arbitrary: agoRangeArb.map((r) => `${a} ${r}`) },
        { weight: 1, arbitrary: presence },
      );
    }
    case 'list':
      return fc.oneof(
        { weight: 3, arbitrary: value.map((v) => `${a} contains ${v}`) },
        { weight: 3, arbitrary: fc.tuple(fc.constantFrom('any', 'all'), listOf(value)).map(([mode, vs]) => `${a} contains ${mode} ${vs}`) },
        { weight: 2, arbitrary: presence },
      );
  }
}

/** and / or / not / parentheses over `atom`, at most `depth` levels deep. */
function nested(atom: fc.Arbitrary<string>, depth: number): fc.Arbitrary<string> {
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      { weight: 3, arbitrary: atom },
      { weight: 2, arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `${x} and ${y}`) },
      { weight: 2, arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `${x} or ${y}`) },
      { weight: 1, arbitrary: tie('expr').map((x) => `not ${x}`) },
      { weight: 2, arbitrary: tie('expr').map((x) => `(${x})`) },
      { weight: 1, arbitrary: tie('expr').map((x) => `not (${x})`) },
    ),
  }));
  return expr;
}

/** Every event window form, with dates from the vocabulary's window edges. */
function windowArb(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const dates = fc.constantFrom(...vocabulary.dates);
  return fc.oneof(
    durationArb.map((d) => ` within last ${d}`),
    dates.map((d) => ` since ${d}`),
    range(dates, byDay).map(([from, to]) => ` between ${from} and ${to}`),
    agoRangeArb.map((r) => ` ${r}`),
    durationArb.map((d) => ` more than ${d} ago`),
  );
}

/** An event as written (a name or a string) and a where-filter on its properties, sometimes. */
function eventWithFilter(vocabulary: Vocabulary, event: string): fc.Arbitrary<string> {
  const props = vocabulary.events.get(event)!;
  const where = nested(fc.constantFrom(...props).chain(conditionOn), 2).map((w) => ` where (${w})`);
  return fc.tuple(fc.constantFrom(nameText(event), quote(event)), fc.option(where, { freq: 2 })).map(([name, w]) => `${name}${w ?? ''}`);
}

function didCondition(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const names = [...vocabulary.events.keys()];
  const window = windowArb(vocabulary);
  const count = fc
    .tuple(fc.constantFrom('at least', 'at most', 'exactly'), fc.integer({ min: 0, max: 4 }))
    .map(([op, n]) => ` ${op} ${n} ${n === 1 ? 'time' : 'times'}`);
  return fc.constantFrom(...names).chain((event) =>
    fc
      .tuple(fc.boolean(), eventWithFilter(vocabulary, event), fc.option(count, { freq: 2 }), fc.option(window, { freq: 3 }))
      .map(([negated, e, c, win]) => `did ${negated ? 'not ' : ''}${e}${c ?? ''}${win ?? ''}`),
  );
}

/**
 * `sum | average | min | max | distinct count of EVENT.PROPERTY [where (…)] [WINDOW] COMPARISON`.
 * Thresholds come from the property's values (and sums of a few of them, so
 * sums land on them), plus amounts with cents; counts from 0 to 5.
 */
function aggregateCondition(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const candidates = [...vocabulary.events].flatMap(([event, props]) =>
    props.filter((p) => p.type !== 'list' && p.name !== 'timestamp').map((p) => ({ event, prop: p })),
  );
  if (candidates.length === 0) return fc.constant('did not never_happens');
  return fc.constantFrom(...candidates).chain(({ event, prop }) => {
    const fns = prop.type === 'number' ? ['sum', 'average', 'min', 'max', 'distinct count'] : ['distinct count'];
    const seen = prop.type === 'number' ? prop.seen : [];
    const sums = seen.flatMap((v) => [String(Number(v) * 2), String(Number(v) * 3)]);
    const amounts = fc.constantFrom(...seen, ...sums, '0', '0.01', '0.5', '99.99', '1000.10', '-1');
    const counts = fc.constantFrom('0', '1', '2', '3', '5');
    return fc.constantFrom(...fns).chain((fn) => {
      const value = fn === 'distinct count' ? counts : amounts;
      const comparison = fc.oneof(
        { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...compareOps), value).map(([op, v]) => `${op} ${v}`) },
        { weight: 1, arbitrary: range(value, byNumber).map(([lo, hi]) => `between ${lo} and ${hi}`) },
      );
      return fc
        .tuple(eventWithFilter(vocabulary, event), fc.option(windowArb(vocabulary), { freq: 2 }), comparison)
        .map(([e, w, c]) => {
          // The filter comes after the property: `sum of purchase.amount where (…)`.
          const m = /^(.*?)( where \(.*\))?$/s.exec(e)!;
          return `${fn} of ${m[1]}.${nameText(prop.name)}${m[2] ?? ''}${w ?? ''} ${c}`;
        });
    });
  });
}

/** Gaps around the demo's session timings (seconds to minutes apart), days, and 0 (never strictly later and within). */
const gapArb = fc.constantFrom('0 minutes', '1 minute', '10 minutes', '2 hours', '1 hour', '1 day', '3 days', '1 week', '2 weeks');

/**
 * `did A [where] [WINDOW] then did [not] B [where] within GAP [with same P] …`, two or three steps,
 * sometimes with `did not` in front. `with same` takes a property both events have.
 */
function sequenceCondition(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const names = [...vocabulary.events.keys()];
  const propsOf = (event: string) => (vocabulary.events.get(event) ?? []).filter((p) => p.type !== 'list').map((p) => p.name);
  const step = (before: string) =>
    fc.constantFrom(...names).chain((event) => {
      const shared = propsOf(event).filter((p) => propsOf(before).includes(p));
      const same = shared.length > 0 ? fc.option(fc.constantFrom(...shared).map((p) => ` with same ${nameText(p)}`), { freq: 3 }) : fc.constant(null);
      return fc.tuple(eventWithFilter(vocabulary, event), gapArb, same).map(([e, gap, s]) => ({ event, text: `did ${e} within ${gap}${s ?? ''}` }));
    });
  return fc
    .tuple(fc.constantFrom(...names), fc.boolean(), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 2 }))
    .chain(([first, negated, more, lastNot]) =>
      fc
        .tuple(eventWithFilter(vocabulary, first), fc.option(windowArb(vocabulary), { freq: 2 }), step(first))
        .chain(([firstText, window, second]) => {
          const rest = more === 2 ? step(second.event).map((s) => [second, s]) : fc.constant([second]);
          return rest.map((steps) =>
            `did ${negated ? 'not ' : ''}${firstText}${window ?? ''}` +
            steps.map((s, i) => ` then ${i === steps.length - 1 && lastNot === 0 ? s.text.replace(/^did /, 'did not ') : s.text}`).join(''),
          );
        }),
    );
}

/** `first did EVENT [where (…)] WINDOW` / `last did …` */
function firstLastCondition(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const names = [...vocabulary.events.keys()];
  return fc
    .tuple(fc.constantFrom('first', 'last'), fc.constantFrom(...names), windowArb(vocabulary))
    .chain(([which, event, window]) => eventWithFilter(vocabulary, event).map((e) => `${which} did ${e}${window}`));
}

/** Attributes missing for a good share of profiles come up twice as often: missing values are where engines differ. */
function missingHeavyTwice(fields: FieldValues[]): FieldValues[] {
  return [...fields, ...fields.filter((f) => f.missingShare >= 0.2)];
}

/** One condition of any kind: an attribute test, a `did`, or a reference to a project segment. */
export function conditionArb(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const parts: fc.WeightedArbitrary<string>[] = [
    { weight: 8, arbitrary: fc.constantFrom(...missingHeavyTwice(vocabulary.attributes)).chain(conditionOn) },
    { weight: 3, arbitrary: didCondition(vocabulary) },
    { weight: 2, arbitrary: firstLastCondition(vocabulary) },
    { weight: 3, arbitrary: aggregateCondition(vocabulary) },
    { weight: 3, arbitrary: sequenceCondition(vocabulary) },
  ];
  if (vocabulary.segmentIds.length > 0) {
    parts.push({ weight: 1, arbitrary: fc.constantFrom(...vocabulary.segmentIds).map((id) => `segment ${id}`) });
  }
  return fc.oneof(...parts);
}

/** A whole segment: a nested include, and sometimes an exclude. */
export function segmentArb(vocabulary: Vocabulary, id: string): fc.Arbitrary<string> {
  const expr = nested(conditionArb(vocabulary), 4);
  return fc
    .tuple(expr, sometimes(expr, 3))
    .map(([include, exclude]) => `segment ${id} {\n  include ${include}\n${exclude === null ? '' : `  exclude ${exclude}\n`}}\n`);
}
