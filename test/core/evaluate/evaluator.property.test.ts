// The bitset evaluator against the naive row-by-row reference evaluator, on
// random small stores (missing values everywhere, date-times with offsets,
// awkward strings and floats) and random expressions of every form, including
// type mismatches, unknown names, segment references with cycles, and `did`
// with where-filters, counts and windows. Dates, in the data and in literals,
// come from a small pool of window edges around the run's asOf, so that the
// edges (inclusive ends, month-end clamping, strict before/after) are hit often.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseIsoDay } from '../../../server/src/core/base/days';
import type { AggregateFunction, CompareOp, DurationUnit, EventWindow, Expr, Literal, SegmentDecl } from '../../../server/src/core/syntax/ast';
import { topLevelConditions } from '../../../server/src/core/syntax/ast';
import { Evaluator } from '../../../server/src/core/evaluate/evaluator';
import { agoRange, duration, expr, lit, segment, span } from './ast-builders';
import { makeStore, type Row, type StoreSpec } from './fixtures';
import { referenceHolds, referenceMembers, type ReferenceContext } from './reference-evaluator';

const DAY_MS = 86_400_000;
const AS_OF_DAYS = ['2026-05-31', '2026-03-01', '2028-02-29', '2026-12-31'];
const TIME_SUFFIXES = ['', 'T00:00:00Z', 'T23:30:00-02:00', 'T00:30:00+01:00', 'T12:00:00Z', 'T12:00:01Z', 'T12:00:00.500Z', 'T13:00:00Z', 'T11:00:00Z'];
const AMOUNTS = [0, 1, 3, 12];
const UNITS: DurationUnit[] = ['day', 'week', 'month', 'year'];

const numbers = [-1, 0, 0.1 + 0.2, 0.3, 1.5, 1.5000000000000002, 2];
const strings = ['a', 'B', 'ab', 'é', '😀', '\uE000', ''];

const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * For one asOf: the first day of every window the generator can write (N days,
 * weeks, months, years back), and the days either side. Month arithmetic here is
 * written independently of the evaluator's calendar module.
 */
function edgeDays(asOf: string): number[] {
  const [y, m, d] = asOf.split('-').map(Number);
  const base = Date.UTC(y, m - 1, d) / DAY_MS;
  const starts: number[] = [];
  for (const n of AMOUNTS) {
    starts.push(base - n, base - 7 * n);
    for (const months of [n, 12 * n]) {
      const first = new Date(Date.UTC(y, m - 1 - months, 1));
      const monthLength = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
      starts.push(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, monthLength)) / DAY_MS);
    }
  }
  return [...new Set(starts.flatMap((s) => [s - 1, s, s + 1]))].sort((a, b) => a - b);
}

function maybe<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: arb });
}

const profileTypes = { num: 'number', str: 'string', flag: 'boolean', day: 'date', tags: 'list' } as const;
const eventTypes = { amount: 'number', kind: 'string' } as const;
const compareOpArb = fc.constantFrom<CompareOp>('=', '!=', '<', '<=', '>', '>=');
const durationArb = fc.tuple(fc.constantFrom(...AMOUNTS), fc.constantFrom(...UNITS)).map(([a, u]) => duration(a, u));
/** Sometimes reversed (an empty range), as a user may write it. */
const agoRangeArb = fc
  .tuple(fc.constantFrom(...AMOUNTS), fc.constantFrom(...AMOUNTS), fc.constantFrom(...UNITS))
  .map(([n, m, u]) => agoRange(n, m, u));

/** Everything random about one run, given its asOf. */
function runArb(asOf: string) {
  const dateArb = fc.constantFrom(...edgeDays(asOf)).map(dayText);
  const dateTimeArb = fc.tuple(dateArb, fc.constantFrom(...TIME_SUFFIXES)).map(([d, t]) => d + t);

  const specArb: fc.Arbitrary<StoreSpec> = fc.integer({ min: 0, max: 8 }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => `p${i}`);
    const profile = fc.record({
      num: maybe(fc.constantFrom(...numbers)),
      str: maybe(fc.constantFrom(...strings)),
      flag: maybe(fc.boolean()),
      day: maybe(dateTimeArb),
      tags: maybe(fc.subarray(['x', 'y', 'z'])),
    });
    const event = fc.record({
      id: fc.constantFrom(...ids, 'orphan'),
      event: fc.constantFrom('buy', 'view', 'Buy'),
      timestamp: dateTimeArb,
      amount: maybe(fc.constantFrom(0, 5, 10, 0.1, 0.2, 0.3, -0.1, 1e-6)),
      kind: maybe(fc.constantFrom('a', 'b')),
    });
    return fc
      .record({ profiles: fc.array(profile, { minLength: n, maxLength: n }), events: fc.array(event, { maxLength: 40 }) })
      .map(({ profiles, events }) => ({
        types: { ...profileTypes },
        profiles: profiles.map((p, i) => ({ id: ids[i], ...p }) as Row),
        eventTypes: { ...eventTypes },
        events: events as Row[],
      }));
  });

  const dateLiteralArb = fc.oneof(
    dateArb.map(lit.date),
    fc.tuple(dateArb, fc.constantFrom(...TIME_SUFFIXES.slice(1))).map(([d, t]) => lit.datetime(d + t)),
  );
  const numberLiteralArb = fc.constantFrom(...numbers, 1).map(lit.number);
  const stringLiteralArb = fc.constantFrom(...strings, 'é😀').map(lit.string);
  const anyLiteralArb: fc.Arbitrary<Literal> = fc.oneof(numberLiteralArb, stringLiteralArb, fc.boolean().map(lit.boolean), dateLiteralArb);

  /** Mostly a literal that fits the attribute's type, sometimes any (a type mismatch). */
  function literalFor(type: string | undefined): fc.Arbitrary<Literal> {
    const fitting =
      type === 'number' ? numberLiteralArb
      : type === 'string' || type === 'list' ? stringLiteralArb
      : type === 'boolean' ? fc.boolean().map(lit.boolean)
      : type === 'date' ? dateLiteralArb
      : undefined;
    return fitting ? fc.oneof({ weight: 6, arbitrary: fitting }, { weight: 1, arbitrary: anyLiteralArb }) : anyLiteralArb;
  }

  function leafArb(attributes: Record<string, string | undefined>): fc.Arbitrary<Expr> {
    return fc.constantFrom(...Object.keys(attributes)).chain((a) => {
      const value = literalFor(attributes[a]);
      const values = fc.array(value, { minLength: 1, maxLength: 3 });
      return fc.oneof(
        fc.tuple(compareOpArb, value).map(([op, v]) => expr.compare(a, op, v)),
        fc.tuple(fc.boolean(), values).map(([neg, vs]) => expr.in(a, neg, vs)),
        fc.tuple(value, value).map(([lo, hi]) => expr.between(a, lo, hi)),
        fc.boolean().map((m) => expr.presence(a, m)),
        fc
          .tuple(fc.constantFrom<'one' | 'any' | 'all'>('one', 'any', 'all'), values)
          .map(([mode, vs]) => expr.contains(a, mode, mode === 'one' ? vs.slice(0, 1) : vs)),
        fc.tuple(fc.constantFrom<'startsWith' | 'endsWith'>('startsWith', 'endsWith'), value).map(([op, v]) => expr.textMatch(a, op, v)),
        fc.tuple(fc.constantFrom<'before' | 'after'>('before', 'after'), value).map(([op, v]) => expr.dateCompare(a, op, v)),
        durationArb.map((d) => expr.withinLast(a, d)),
        durationArb.map((d) => expr.ago(a, d)),
        agoRangeArb.map((r) => expr.agoBetween(a, r)),
        fc.constant(expr.boolean(a)),
      );
    });
  }

  const whereArb = treeArb(
    1,
    fc.oneof(
      { weight: 8, arbitrary: leafArb({ amount: 'number', kind: 'string', timestamp: 'date', num: undefined }) },
      { weight: 1, arbitrary: fc.constant(expr.segmentRef('s1')) },
    ),
  );

  const windowArb: fc.Arbitrary<EventWindow> = fc.oneof(
    durationArb.map((d): EventWindow => ({ kind: 'withinLast', duration: d, span })),
    literalFor('date').map((date): EventWindow => ({ kind: 'since', date, span })),
    fc.tuple(literalFor('date'), literalFor('date')).map(([from, to]): EventWindow => ({ kind: 'between', from, to, span })),
    agoRangeArb.map((range): EventWindow => ({ kind: 'agoBetween', range, span })),
    durationArb.map((d): EventWindow => ({ kind: 'moreThanAgo', duration: d, span })),
  );

  const didArb: fc.Arbitrary<Expr> = fc
    .record(
      {
        event: fc.constantFrom('buy', 'view', 'Buy', 'never'),
        negated: fc.boolean(),
        where: whereArb,
        count: fc.record({ op: fc.constantFrom('atLeast' as const, 'atMost' as const, 'exactly' as const), n: fc.integer({ min: 0, max: 3 }) }),
        window: windowArb,
      },
      { requiredKeys: ['event', 'negated'] },
    )
    .map(({ event, ...options }) => expr.did(event, options));

  const firstLastArb: fc.Arbitrary<Expr> = fc
    .tuple(fc.constantFrom<'first' | 'last'>('first', 'last'), fc.constantFrom('buy', 'view', 'Buy', 'never'), windowArb, fc.option(whereArb, { nil: undefined }))
    .map(([which, event, window, where]) => expr.firstLast(which, event, window, where));

  const aggregateLiteralArb = fc.constantFrom(0, 0.1, 0.3, 0.6, 5, 10, 15, -0.1, 2.5e-7, 1).map(lit.number);
  const aggregateArb: fc.Arbitrary<Expr> = fc
    .record({
      fn: fc.constantFrom<AggregateFunction>('sum', 'average', 'min', 'max', 'distinctCount'),
      event: fc.constantFrom('buy', 'view', 'Buy', 'never'),
      property: fc.constantFrom('amount', 'amount', 'kind', 'timestamp', 'missing_property'),
      comparison: fc.oneof(
        fc.record({ op: compareOpArb, value: fc.oneof({ weight: 9, arbitrary: aggregateLiteralArb }, { weight: 1, arbitrary: stringLiteralArb }) }),
        fc.record({ low: aggregateLiteralArb, high: aggregateLiteralArb }),
      ),
      where: fc.option(whereArb, { nil: undefined }),
      window: fc.option(windowArb, { nil: undefined }),
    })
    .map(({ fn, event, property, comparison, where, window }) => expr.aggregate(fn, event, property, comparison, { where, window }));

  /** Gaps that land on the test instants: an hour, a second, half a second, a day, 23.5 hours … */
  const gapArb = fc.constantFrom(duration(1, 'hour'), duration(60, 'minute'), duration(1, 'day'), duration(0, 'minute'), duration(2, 'day'), duration(1, 'week'), duration(1, 'month'));
  const stepArb = fc.record(
    {
      event: fc.constantFrom('buy', 'view', 'Buy', 'never'),
      where: whereArb,
      gap: gapArb,
      same: fc.constantFrom('kind', 'amount', 'timestamp', 'missing_property'),
    },
    { requiredKeys: ['event', 'gap'] },
  );
  const sequenceArb: fc.Arbitrary<Expr> = fc
    .record({
      first: fc.record({ event: fc.constantFrom('buy', 'view', 'Buy'), where: whereArb, window: windowArb }, { requiredKeys: ['event'] }),
      steps: fc.array(stepArb, { minLength: 1, maxLength: 3 }),
      lastNegated: fc.boolean(),
      negated: fc.boolean(),
    })
    .map(({ first, steps, lastNegated, negated }) =>
      expr.sequence(first, steps.map((s, i) => ({ ...s, negated: lastNegated && i === steps.length - 1 })), negated),
    );

  const profileExprArb = treeArb(
    3,
    fc.oneof(
      { weight: 30, arbitrary: leafArb({ ...profileTypes, unknown: undefined }) },
      { weight: 10, arbitrary: didArb },
      { weight: 4, arbitrary: firstLastArb },
      { weight: 6, arbitrary: aggregateArb },
      { weight: 8, arbitrary: sequenceArb },
      { weight: 5, arbitrary: fc.constantFrom('s1', 's2', 's3', 's4', 'rand', 'none').map(expr.segmentRef) },
      { weight: 1, arbitrary: fc.constant(expr.error()) },
    ),
  );

  return fc.record({
    asOf: fc.constant(asOf),
    spec: specArb,
    definitions: fc.array(fc.tuple(profileExprArb, fc.option(profileExprArb, { nil: undefined })), { minLength: 1, maxLength: 4 }),
  });
}

function treeArb(depth: number, leaf: fc.Arbitrary<Expr>): fc.Arbitrary<Expr> {
  if (depth === 0) return leaf;
  const sub = treeArb(depth - 1, leaf);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((ops) => expr.and(...ops)) },
    { weight: 1, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((ops) => expr.or(...ops)) },
    { weight: 1, arbitrary: sub.map(expr.not) },
    { weight: 1, arbitrary: sub.map(expr.group) },
  );
}

/** Fixed segments for references: s3 and s4 reference each other (a cycle). */
function fixedSegments(): SegmentDecl[] {
  return [
    segment('s1', expr.compare('num', '>', lit.number(1))),
    segment('s2', expr.or(expr.segmentRef('s1'), expr.boolean('flag')), expr.compare('str', '=', lit.string('a'))),
    segment('s3', expr.and(expr.segmentRef('s4'), expr.presence('day', false))),
    segment('s4', expr.or(expr.segmentRef('s3'), expr.contains('tags', 'one', [lit.string('x')]))),
  ];
}

test('the bitset evaluator agrees with the row-by-row reference on random stores and segments', () => {
  fc.assert(
    fc.property(fc.oneof(...AS_OF_DAYS.map(runArb)), ({ asOf, spec, definitions }) => {
      // One evaluator for all definitions of a run, so later ones also go through the cache.
      const evaluator = new Evaluator(makeStore(spec), { asOfDay: parseIsoDay(asOf)! });
      for (const [include, exclude] of definitions) {
        const decl = segment('rand', include, exclude);
        const segments = new Map(fixedSegments().map((s) => [s.id!.text, s]));
        segments.set('rand', decl);
        const ctx: ReferenceContext = { spec, asOf, segments };

        const expected = referenceMembers(decl, ctx);
        assert.deepEqual(evaluator.memberIds(decl, segments), expected);

        // The funnel: profiles passing every top-level condition up to each step, then the exclude.
        const result = evaluator.countSegment(decl, segments);
        const conditions = topLevelConditions(include);
        const scopeOf = (row: Row) => ({ types: spec.types, row, profile: { id: String(row.id), stack: new Set(['rand']) } });
        const expectedFunnel = conditions.map(
          (_, i) =>
            spec.profiles.filter((row) => conditions.slice(0, i + 1).every((c) => referenceHolds(c, scopeOf(row), ctx))).length,
        );
        if (exclude) expectedFunnel.push(expected.length);
        assert.deepEqual(
          result.funnel.map((s) => s.remaining),
          expectedFunnel,
        );
        assert.equal(result.count, expected.length);
        assert.equal(result.total, spec.profiles.length);
      }
    }),
    { numRuns: 2500 },
  );
});
