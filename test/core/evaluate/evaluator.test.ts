// Segments as a whole: include and not exclude, references to segments in other
// files, cycles, per-condition funnel counts, and the per-condition cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoDay } from '../../../server/src/core/base/days';
import type { SegmentDecl } from '../../../server/src/core/syntax/ast';
import { Evaluator } from '../../../server/src/core/evaluate/evaluator';
import { bitsetToIndices, countBits } from '../../../server/src/core/base/bitset';
import { makeStore, parseFile, projectOf, segmentOf } from './fixtures';

const asOfDay = parseIsoDay('2026-11-01')!;

const spec = {
  types: { age: 'number', city: 'string', email_opt_in: 'boolean', cart_items: 'number' } as const,
  profiles: [
    { id: 'u1', age: 17, city: 'Oslo', email_opt_in: true, cart_items: 2 },
    { id: 'u2', age: 25, city: 'Oslo', email_opt_in: false, cart_items: 1 },
    { id: 'u3', age: 40, city: 'Bergen', email_opt_in: true, cart_items: 0 },
    { id: 'u4', age: 33, city: 'Oslo', cart_items: 3 },
    { id: 'u5', city: 'Oslo', email_opt_in: true, cart_items: 5 },
    { id: 'u6', age: 70, city: 'Stavanger', email_opt_in: true },
  ],
  eventTypes: { amount: 'number' } as const,
  events: [
    { id: 'u3', event: 'purchase', timestamp: '2026-10-30T00:00:00Z', amount: 10 },
    { id: 'u4', event: 'purchase', timestamp: '2026-05-01T00:00:00Z', amount: 99 },
  ],
};
const store = makeStore({ ...spec, types: { ...spec.types }, eventTypes: { ...spec.eventTypes } });

function only(text: string): SegmentDecl {
  return parseFile(text)[0];
}

test('members are include and not exclude; a missing value in exclude keeps the profile', () => {
  const e = new Evaluator(store, { asOfDay });
  const decl = segmentOf('city = "Oslo"', 'email_opt_in = false');
  // u4 has no email_opt_in: `email_opt_in = false` is false for it, so it stays.
  assert.deepEqual(e.memberIds(decl, new Map()), ['u1', 'u4', 'u5']);
  assert.deepEqual(e.countSegment(decl, new Map()).count, 3);
  assert.deepEqual(e.countSegment(decl, new Map()).total, 6);
  assert.deepEqual(Array.from(e.memberRows(decl, new Map())), [0, 3, 4]);
});

test('segment ID refers to segments in other files, through several levels', () => {
  const project = projectOf(
    'segment adults { include age >= 18 }',
    'segment oslo_adults {\n  include segment adults and city = "Oslo"\n  exclude segment shoppers\n}',
    'segment shoppers { include did purchase }\nsegment opted_in { include email_opt_in }',
  );
  const e = new Evaluator(store, { asOfDay });
  assert.deepEqual(e.memberIds(project.get('adults')!, project), ['u2', 'u3', 'u4', 'u6']);
  assert.deepEqual(e.memberIds(project.get('oslo_adults')!, project), ['u2']);
  const top = only('segment reach { include segment oslo_adults or segment shoppers }');
  assert.deepEqual(e.memberIds(top, project), ['u2', 'u3', 'u4']);
  const negated = only('segment rest { include not segment adults }');
  assert.deepEqual(e.memberIds(negated, project), ['u1', 'u5']);
});

test('a reference to an edited segment sees the edit (references are not cached by name)', () => {
  const e = new Evaluator(store, { asOfDay });
  const user = only('segment user { include segment base }');
  const v1 = projectOf('segment base { include age > 30 }');
  assert.deepEqual(e.memberIds(user, v1), ['u3', 'u4', 'u6']);
  const v2 = projectOf('segment base { include age > 50 }');
  assert.deepEqual(e.memberIds(user, v2), ['u6']);
});

test('an unknown segment, a segment without include and an error expression match nobody', () => {
  const e = new Evaluator(store, { asOfDay });
  assert.equal(e.countSegment(segmentOf('segment nowhere'), new Map()).count, 0);
  assert.equal(e.countSegment(segmentOf('not segment nowhere'), new Map()).count, 6);
  const noInclude = only('segment empty { title "No include" }');
  assert.deepEqual(e.countSegment(noInclude, new Map()), { count: 0, total: 6, funnel: [] });
  const withError: SegmentDecl = {
    ...segmentOf('age > 0'),
    properties: [{ kind: 'include', keywordSpan: { start: 0, end: 7 }, expr: { kind: 'error', span: { start: 8, end: 9 } }, span: { start: 0, end: 9 } }],
  };
  assert.equal(e.countSegment(withError, new Map()).count, 0);
  assert.deepEqual(e.memberIds(withError, new Map()), []);
});

test('reference cycles end: the cyclic reference matches nobody', () => {
  const project = projectOf(
    'segment a { include segment b }',
    'segment b { include segment a or age > 30 }\nsegment self { include segment self or city = "Bergen" }',
  );
  const e = new Evaluator(store, { asOfDay });
  // Expanding a: b = (a → cycle → nobody) or age > 30.
  assert.deepEqual(e.memberIds(project.get('a')!, project), ['u3', 'u4', 'u6']);
  assert.deepEqual(e.memberIds(project.get('b')!, project), ['u3', 'u4', 'u6']);
  assert.deepEqual(e.memberIds(project.get('self')!, project), ['u3']);
  const outside = only('segment outside { include segment a and segment b }');
  assert.deepEqual(e.memberIds(outside, project), ['u3', 'u4', 'u6']);
});

test('a segment referenced twice (a diamond) is no cycle', () => {
  const project = projectOf(
    'segment base { include age > 20 }\nsegment left { include segment base and city = "Oslo" }',
    'segment right { include segment base and cart_items > 1 }\nsegment both { include segment left or segment right }',
  );
  const e = new Evaluator(store, { asOfDay });
  assert.deepEqual(e.memberIds(project.get('both')!, project), ['u2', 'u4']);
});

test('the funnel gives what remains after each top-level include condition, then after exclude', () => {
  const text =
    'segment abandoned {\n  include\n    city = "Oslo"\n    and cart_items > 0\n    and (age > 18 or age is missing)\n  exclude email_opt_in = false\n}';
  const decl = only(text);
  const e = new Evaluator(store, { asOfDay });
  const result = e.countSegment(decl, new Map());
  assert.deepEqual(
    result.funnel.map((step) => [text.slice(step.span.start, step.span.end), step.kind, step.remaining]),
    [
      ['city = "Oslo"', 'include', 4],
      ['cart_items > 0', 'include', 4],
      ['(age > 18 or age is missing)', 'include', 3],
      ['exclude email_opt_in = false', 'exclude', 2],
    ],
  );
  assert.equal(result.count, 2);
  assert.deepEqual(e.memberIds(decl, new Map()), ['u4', 'u5']);
});

test('the funnel of a single condition in parentheses has one step', () => {
  const e = new Evaluator(store, { asOfDay });
  const result = e.countSegment(segmentOf('(age > 18 or city = "Oslo")'), new Map());
  assert.deepEqual(result.funnel.map((s) => s.remaining), [6]);
  assert.equal(result.count, 6);
});

test('the funnel of ((a and b)) splits into its conditions', () => {
  const e = new Evaluator(store, { asOfDay });
  const result = e.countSegment(segmentOf('((age > 18 and city = "Oslo"))'), new Map());
  assert.deepEqual(result.funnel.map((s) => s.remaining), [4, 2]);
});

const fiveConditions = [
  'city = "Oslo"',
  'age > 18',
  'cart_items >= 1',
  'email_opt_in is present',
  'did not purchase within last 30 days',
];

test('editing one condition of a segment recomputes only that condition', () => {
  const e = new Evaluator(store, { asOfDay });
  const first = segmentOf(fiveConditions.join('\n    and '));
  e.countSegment(first, new Map());
  assert.equal(e.stats.computedConditions, 5);

  // Same text again: everything from the cache.
  e.countSegment(segmentOf(fiveConditions.join('\n    and ')), new Map());
  assert.equal(e.stats.computedConditions, 5);
  assert.equal(e.stats.cachedConditions, 5);

  // One condition edited, the others moved (new spans, same meaning).
  const edited = [...fiveConditions];
  edited[1] = 'age > 21';
  const result = e.countSegment(segmentOf('  ' + edited.join(' and ')), new Map());
  assert.equal(e.stats.computedConditions, 6);
  assert.equal(result.count, 1);
  assert.deepEqual(e.memberIds(segmentOf(edited.join(' and ')), new Map()), ['u2']);
});

test('flipping did to did not reuses the scan of the events', () => {
  const e = new Evaluator(store, { asOfDay });
  assert.deepEqual(e.memberIds(segmentOf('did purchase'), new Map()), ['u3', 'u4']);
  assert.deepEqual(e.memberIds(segmentOf('did not purchase'), new Map()), ['u1', 'u2', 'u5', 'u6']);
  assert.equal(e.stats.computedConditions, 1);
});

test('a new data version or a new asOf recomputes', () => {
  const e = new Evaluator(store, { asOfDay });
  const decl = segmentOf('did purchase within last 7 days');
  assert.deepEqual(e.memberIds(decl, new Map()), ['u3']);
  e.setAsOfDay(parseIsoDay('2026-05-03')!);
  assert.deepEqual(e.memberIds(decl, new Map()), ['u4']);
  assert.equal(e.stats.computedConditions, 2);

  const reloaded = makeStore({ ...spec, types: { ...spec.types }, eventTypes: { ...spec.eventTypes }, events: [], version: 2 });
  e.setStore(reloaded);
  assert.deepEqual(e.memberIds(decl, new Map()), []);
  assert.equal(e.stats.computedConditions, 3);
});

test('changing the returned members does not change later answers', () => {
  const e = new Evaluator(store, { asOfDay });
  const decl = segmentOf('city = "Oslo"');
  const bits = e.members(decl, new Map());
  assert.equal(countBits(bits), 4);
  bits.fill(0);
  assert.deepEqual(Array.from(bitsetToIndices(e.members(decl, new Map()))), [0, 1, 3, 4]);
  assert.equal(e.countSegment(decl, new Map()).count, 4);
});

test('conditionMembers evaluates one expression, for per-condition counts', () => {
  const e = new Evaluator(store, { asOfDay });
  const decl = segmentOf('age > 30 and city = "Oslo"');
  const include = decl.properties.find((p) => p.kind === 'include');
  assert.ok(include && include.kind === 'include' && include.expr.kind === 'and');
  assert.equal(countBits(e.conditionMembers(include.expr.operands[0], new Map())), 3);
});

test('editing the count or window of a did keeps its where-filter', () => {
  const e = new Evaluator(store, { asOfDay });
  assert.deepEqual(e.memberIds(segmentOf('did purchase where (amount > 5)'), new Map()), ['u3', 'u4']);
  assert.deepEqual(e.memberIds(segmentOf('did purchase where (amount > 5) within last 30 days'), new Map()), ['u3']);
  assert.deepEqual(e.memberIds(segmentOf('did purchase where (amount > 5) at least 2 times'), new Map()), []);
  assert.equal(e.stats.computedConditions, 3);
  assert.equal(e.stats.computedWhereFilters, 1);
  assert.deepEqual(e.memberIds(segmentOf('did purchase where (amount > 50)'), new Map()), ['u4']);
  assert.equal(e.stats.computedWhereFilters, 2);
});

test('malformed trees do not crash: an and without operands matches nobody', () => {
  const e = new Evaluator(store, { asOfDay });
  const decl = segmentOf('age > 0');
  const broken: SegmentDecl = {
    ...decl,
    properties: [{ kind: 'include', keywordSpan: { start: 0, end: 0 }, expr: { kind: 'and', operands: [], span: { start: 0, end: 0 } }, span: { start: 0, end: 0 } }],
  };
  assert.equal(e.countSegment(broken, new Map()).count, 0);
  assert.equal(e.countSegment(segmentOf('did purchase where (amount > 1)'), new Map()).count, 2);
});
