// Every attribute condition form on a small hand-made sample, with the
// missing-value rules (docs/language.md#missing-values): a test on a missing value is false (also
// `!=` and `not in`), `not` is plain negation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoDay } from '../../../server/src/core/base/days';
import { Evaluator } from '../../../server/src/core/evaluate/evaluator';
import { makeStore, segmentOf } from './fixtures';

const store = makeStore({
  types: {
    age: 'number',
    city: 'string',
    name: 'string',
    vip: 'boolean',
    last_seen: 'date',
    signup: 'date',
    interests: 'list',
  },
  profiles: [
    { id: 'p1', age: 25, city: 'Oslo', name: 'Anna', vip: true, last_seen: '2026-10-25', signup: '2026-03-01T23:30:00-02:00', interests: ['sport', 'travel'] },
    { id: 'p2', age: 35, city: 'Bergen', name: 'anders', vip: false, last_seen: '2026-08-01', signup: '2026-03-01', interests: ['fashion'] },
    { id: 'p3' },
    { id: 'p4', age: 30, city: 'oslo', name: 'Åse', vip: true, last_seen: '2026-11-01', signup: '2026-03-01T00:00:00Z', interests: ['sport'] },
    { id: 'p5', age: 30.5, city: 'Stavanger', name: 'Bob', vip: false, last_seen: '2026-07-31', signup: '2026-02-28T23:59:59Z', interests: [] },
  ],
});

const evaluator = new Evaluator(store, { asOfDay: parseIsoDay('2026-11-01')! });

function members(condition: string): string[] {
  return evaluator.memberIds(segmentOf(condition), new Map());
}

const cases: [condition: string, expected: string[]][] = [
  // numbers
  ['age > 30', ['p2', 'p5']],
  ['age >= 30', ['p2', 'p4', 'p5']],
  ['age < 30', ['p1']],
  ['age <= 30', ['p1', 'p4']],
  ['age = 30', ['p4']],
  ['age = 30.5', ['p5']],
  ['age = 30.500000000000004', []],
  // exact float order: the neighbours of 30.5 either side
  ['age > 30.499999999999996', ['p2', 'p5']],
  ['age < 30.500000000000004', ['p1', 'p4', 'p5']],
  ['age >= 30.500000000000004', ['p2']],
  ['age != 30', ['p1', 'p2', 'p5']],
  ['age > -1', ['p1', 'p2', 'p4', 'p5']],
  ['not (age > 30)', ['p1', 'p3', 'p4']],
  ['not (age != 30)', ['p3', 'p4']],
  ['age between 25 and 30', ['p1', 'p4']],
  ['age between 30 and 25', []],
  ['not (age between 25 and 30)', ['p2', 'p3', 'p5']],
  ['age in (25, 35)', ['p1', 'p2']],
  ['age not in (25, 35)', ['p4', 'p5']],
  ['not (age in (25, 35))', ['p3', 'p4', 'p5']],
  ['age is missing', ['p3']],
  ['age is present', ['p1', 'p2', 'p4', 'p5']],
  ['not (age is missing)', ['p1', 'p2', 'p4', 'p5']],
  // strings: case-sensitive, ordered by code point
  ['city = "Oslo"', ['p1']],
  ['city != "Oslo"', ['p2', 'p4', 'p5']],
  ['city = "Trondheim"', []],
  ['city != "Trondheim"', ['p1', 'p2', 'p4', 'p5']],
  ['not (city = "Oslo")', ['p2', 'p3', 'p4', 'p5']],
  ['city in ("Oslo", "Bergen")', ['p1', 'p2']],
  ['city in ("Trondheim")', []],
  ['city not in ("Oslo")', ['p2', 'p4', 'p5']],
  ['city < "Oslo"', ['p2']],
  ['city > "Oslo"', ['p4', 'p5']],
  ['city >= "Oslo"', ['p1', 'p4', 'p5']],
  ['name > "B"', ['p2', 'p4', 'p5']],
  ['name < "a"', ['p1', 'p5']],
  ['name > "z"', ['p4']],
  ['city contains "slo"', ['p1', 'p4']],
  ['city contains "Slo"', []],
  ['not (city contains "slo")', ['p2', 'p3', 'p5']],
  ['city starts with "O"', ['p1']],
  ['city starts with "o"', ['p4']],
  ['city ends with "ger"', ['p5']],
  ['city ends with "GER"', []],
  ['city is missing', ['p3']],
  // booleans: `a` alone is `a = true`
  ['vip', ['p1', 'p4']],
  ['vip = true', ['p1', 'p4']],
  ['vip = false', ['p2', 'p5']],
  ['vip != true', ['p2', 'p5']],
  ['not vip', ['p2', 'p3', 'p5']],
  ['not (vip = false)', ['p1', 'p3', 'p4']],
  // lists: membership, exact items
  ['interests contains "sport"', ['p1', 'p4']],
  ['interests contains "spo"', []],
  ['interests contains any ("fashion", "travel")', ['p1', 'p2']],
  ['interests contains all ("sport", "travel")', ['p1']],
  ['interests contains all ("sport", "golf")', []],
  ['not (interests contains "sport")', ['p2', 'p3', 'p5']],
  ['interests is missing', ['p3']],
  // dates, asOf 2026-11-01: windows include both ends
  ['last_seen within last 7 days', ['p1', 'p4']],
  ['last_seen within last 6 days', ['p4']],
  ['last_seen within last 1 week', ['p1', 'p4']],
  ['last_seen within last 3 months', ['p1', 'p2', 'p4']],
  ['last_seen within last 1 year', ['p1', 'p2', 'p4', 'p5']],
  ['last_seen more than 3 months ago', ['p5']],
  ['last_seen more than 7 days ago', ['p2', 'p5']],
  ['not (last_seen within last 7 days)', ['p2', 'p3', 'p5']],
  ['last_seen before 2026-08-01', ['p5']],
  ['last_seen after 2026-10-25', ['p4']],
  ['last_seen = 2026-08-01', ['p2']],
  ['last_seen != 2026-08-01', ['p1', 'p4', 'p5']],
  ['last_seen < 2026-08-01', ['p5']],
  ['last_seen >= 2026-10-25', ['p1', 'p4']],
  ['last_seen between 2026-08-01 and 2026-10-25', ['p1', 'p2']],
  ['not (last_seen before 2026-08-01)', ['p1', 'p2', 'p3', 'p4']],
  // date-times count by their UTC date, in the data and in literals
  ['signup = 2026-03-02', ['p1']],
  ['signup = 2026-03-01', ['p2', 'p4']],
  ['signup = 2026-02-28', ['p5']],
  ['signup after 2026-03-01T23:59:00Z', ['p1']],
  ['signup = 2026-03-01T08:00:00+09:00', ['p5']],
  ['signup before 2026-03-02T00:30:00+01:00', ['p5']],
  ['signup between 2026-03-01T23:00:00Z and 2026-03-02T01:00:00Z', ['p1', 'p2', 'p4']],
  // a literal of the wrong type matches nobody, with or without `!=`
  ['age = "30"', []],
  ['age != "30"', []],
  ['age in (25, "35")', []],
  ['age not in ("x")', []],
  ['not (age = "30")', ['p1', 'p2', 'p3', 'p4', 'p5']],
  ['city = 3', []],
  ['city != true', []],
  ['last_seen = "2026-08-01"', []],
  ['last_seen within last 7 days and age = 2026-01-01', []],
  ['vip = 1', []],
  ['interests = "sport"', []],
  ['age contains "3"', []],
  ['age within last 3 days', []],
  ['city', []],
  // an attribute the sample lacks: every value is missing
  ['shoe_size > 3', []],
  ['shoe_size != 3', []],
  ['shoe_size is missing', ['p1', 'p2', 'p3', 'p4', 'p5']],
  ['shoe_size is present', []],
  ['not (shoe_size > 3)', ['p1', 'p2', 'p3', 'p4', 'p5']],
  // combinators
  ['age > 26 and city != "Bergen"', ['p4', 'p5']],
  ['age > 30 or vip', ['p1', 'p2', 'p4', 'p5']],
  ['not (age > 30 or vip)', ['p3']],
  ['(age < 30 or age > 30) and not vip', ['p2', 'p5']],
];

for (const [condition, expected] of cases) {
  test(`${condition} → ${expected.join(', ') || 'nobody'}`, () => {
    assert.deepEqual(members(condition), expected);
  });
}

test('calendar months clamp to the month end: asOf 2026-05-31 minus 3 months is 2026-02-28', () => {
  const s = makeStore({
    types: { d: 'date' },
    profiles: [
      { id: 'feb27', d: '2026-02-27' },
      { id: 'feb28', d: '2026-02-28' },
      { id: 'may31', d: '2026-05-31' },
      { id: 'jun01', d: '2026-06-01' },
    ],
  });
  const e = new Evaluator(s, { asOfDay: parseIsoDay('2026-05-31')! });
  assert.deepEqual(e.memberIds(segmentOf('d within last 3 months'), new Map()), ['feb28', 'may31']);
  assert.deepEqual(e.memberIds(segmentOf('d more than 3 months ago'), new Map()), ['feb27']);
  assert.deepEqual(e.memberIds(segmentOf('d within last 1 year'), new Map()), ['feb27', 'feb28', 'may31']);
});

test('a leap day minus one year is the 28th of February', () => {
  const s = makeStore({
    types: { d: 'date' },
    profiles: [
      { id: 'feb27', d: '2027-02-27' },
      { id: 'feb28', d: '2027-02-28' },
    ],
  });
  const e = new Evaluator(s, { asOfDay: parseIsoDay('2028-02-29')! });
  assert.deepEqual(e.memberIds(segmentOf('d within last 1 year'), new Map()), ['feb28']);
});

test('string order is by code point, also for characters beyond U+FFFF', () => {
  const s = makeStore({
    types: { t: 'string' },
    profiles: [
      { id: 'private-use', t: '\uE000' },
      { id: 'emoji', t: '😀' },
      { id: 'letter', t: 'z' },
    ],
  });
  const e = new Evaluator(s, { asOfDay: 0 });
  // UTF-16 code units would put the emoji (0xD83D…) before U+E000; code points put it after.
  assert.deepEqual(e.memberIds(segmentOf('t > "\uE000"'), new Map()), ['emoji']);
  assert.deepEqual(e.memberIds(segmentOf('t < "\uE000"'), new Map()), ['letter']);
});

test('an empty list value is present but contains nothing', () => {
  assert.deepEqual(members('interests is present'), ['p1', 'p2', 'p4', 'p5']);
  assert.deepEqual(members('interests contains any ("sport", "fashion", "travel")'), ['p1', 'p2', 'p4']);
});

test('`contains any` / `contains all` agree with a row-by-row reading for lists of 8, 16, 32 and more distinct items', () => {
  // Item sets per row (up to 32 items) and the item-by-item path (more) must give the same rows.
  for (const itemCount of [3, 8, 9, 16, 17, 32, 33, 50]) {
    const items = Array.from({ length: itemCount }, (_, i) => `i${i}`);
    let seed = itemCount;
    const next = (k: number) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % k;
    };
    const profiles = Array.from({ length: 300 }, (_, p) => {
      const picked = next(5) === 0 ? null : Array.from({ length: next(4) }, () => items[next(itemCount)]);
      return { id: `p${p}`, tags: picked };
    });
    const evaluator = new Evaluator(makeStore({ types: { tags: 'list' }, profiles }), { asOfDay: parseIsoDay('2026-11-01')! });
    const wantedSets = [[items[0]], [items[itemCount - 1], items[1]], [items[itemCount - 1], 'not-an-item']];
    for (const wanted of wantedSets) {
      for (const mode of ['any', 'all'] as const) {
        const condition = `tags contains ${mode} (${wanted.map((w) => `"${w}"`).join(', ')})`;
        const expected = profiles
          .filter((p) => p.tags && p.tags.length > 0 && (mode === 'any' ? wanted.some((w) => p.tags!.includes(w)) : wanted.every((w) => p.tags!.includes(w))))
          .map((p) => p.id);
        assert.deepEqual(evaluator.memberIds(segmentOf(condition), new Map()), expected, `${itemCount} items: ${condition}`);
      }
    }
  }
});

test('number ranges hold on one-, two- and four-byte codes alike', () => {
  // 200, 5,000 and 70,000 distinct values: the codes take 1, 2 and 4 bytes.
  for (const distinct of [200, 5_000, 70_000]) {
    const values = Array.from({ length: distinct + 500 }, (_, i) => (i < distinct ? ((i * 7919) % distinct) / 4 - 100 : null));
    const profiles = values.map((n, i) => ({ id: `p${i}`, n }));
    const store = makeStore({ types: { n: 'number' }, profiles });
    const column = store.profiles.columns.get('n')!;
    assert.equal(column.type === 'number' && column.codes.BYTES_PER_ELEMENT, distinct <= 255 ? 1 : distinct <= 65_535 ? 2 : 4);
    const evaluator = new Evaluator(store, { asOfDay: parseIsoDay('2026-11-01')! });
    const count = (condition: string) => evaluator.memberIds(segmentOf(condition), new Map()).length;
    const naive = (test: (v: number) => boolean) => values.filter((v) => v !== null && test(v)).length;
    assert.equal(count('n > 0'), naive((v) => v > 0), `${distinct}: n > 0`);
    assert.equal(count('n between -50.25 and 10.5'), naive((v) => v >= -50.25 && v <= 10.5), `${distinct}: between`);
    assert.equal(count('n = 12.25'), naive((v) => v === 12.25), `${distinct}: =`);
    assert.equal(count('n != 12.25'), naive((v) => v !== 12.25), `${distinct}: !=`);
    assert.equal(count('n < -1000'), 0, `${distinct}: below every value`);
    assert.equal(count('n is missing'), 500, `${distinct}: missing`);
  }
});
