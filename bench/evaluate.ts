// Micro-benchmark for the evaluator (not a test): a 1,000,000-profile in-memory
// store with random columns and ~3 events per profile; times a 5-condition
// segment cold and warm, a one-condition edit, and a `did` condition.
// Run: npx tsx bench/evaluate.ts [profiles]
// Timings on a shared machine vary by ±50%; compare medians from the same run.
import { packInstants } from '../server/src/core/sample/event-instants';
import type { Column, EventTable, SampleStore } from '../server/src/core/sample/store';
import { rowMaskOf } from '../server/src/core/sample/store';
import { parseIsoDay } from '../server/src/core/base/days';
import { encodeNumbers } from '../server/src/core/sample/number-dictionary';
import { packTexts } from '../server/src/core/sample/packed-texts';
import { parseSegments } from '../server/src/core/syntax/parser';
import type { SegmentDecl } from '../server/src/core/syntax/ast';
import { Evaluator } from '../server/src/core/evaluate/evaluator';

const N = Number(process.argv[2] ?? 1_000_000);
const AS_OF = parseIsoDay('2026-11-01')!;

// A small deterministic generator, so runs are comparable.
let seed = 42;
function random(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = (k: number) => Math.floor(random() * k);

function missingMask(rate: number): Uint8Array {
  const m = new Uint8Array(N);
  for (let i = 0; i < N; i++) m[i] = random() < rate ? 1 : 0;
  return m;
}

function buildStore(version: number): SampleStore {
  const columns = new Map<string, Column>();
  {
    const missing = missingMask(0.1);
    const values = new Float64Array(N);
    for (let i = 0; i < N; i++) values[i] = missing[i] ? 0 : 16 + pick(60);
    columns.set('age', { name: 'age', type: 'number', missing: rowMaskOf(missing), ...encodeNumbers(values, (i) => missing[i] === 1) });
  }
  {
    const missing = missingMask(0.05);
    const dictionary = Array.from({ length: 50 }, (_, k) => `city${k}`);
    // As the loader stores them: one byte per code for a dictionary this small.
    const codes = new Uint8Array(N);
    for (let i = 0; i < N; i++) codes[i] = missing[i] ? 0 : pick(50);
    columns.set('city', { name: 'city', type: 'string', missing: rowMaskOf(missing), codes, dictionary });
  }
  {
    const missing = missingMask(0.2);
    const values = new Uint8Array(N);
    for (let i = 0; i < N; i++) values[i] = missing[i] ? 0 : pick(2);
    columns.set('vip', { name: 'vip', type: 'boolean', missing: rowMaskOf(missing), values });
  }
  {
    const missing = missingMask(0.1);
    const days = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      days[i] = missing[i] ? 0 : AS_OF - pick(400);
    }
    columns.set('last_seen', { name: 'last_seen', type: 'date', missing: rowMaskOf(missing), ...encodeNumbers(days, (i) => missing[i] === 1) });
  }
  {
    const missing = missingMask(0.15);
    const dictionary = ['sport', 'travel', 'fashion', 'food', 'music', 'tech', 'books', 'games', 'garden', 'pets'];
    const offsets = new Int32Array(N + 1);
    const items: number[] = [];
    for (let i = 0; i < N; i++) {
      if (!missing[i]) for (let k = pick(4); k > 0; k--) items.push(pick(dictionary.length));
      offsets[i + 1] = items.length;
    }
    columns.set('interests', { name: 'interests', type: 'list', missing: rowMaskOf(missing), offsets, itemCodes: Uint8Array.from(items), dictionary });
  }

  const profileStart = new Int32Array(N + 1);
  for (let p = 0; p < N; p++) profileStart[p + 1] = profileStart[p] + pick(7);
  const count = profileStart[N];
  const nameCodes = new Uint8Array(count);
  const days = new Int32Array(count);
  const amountMissing = new Uint8Array(count);
  const amounts = new Float64Array(count);
  for (let e = 0; e < count; e++) {
    nameCodes[e] = pick(5);
    days[e] = AS_OF - pick(365);
    amountMissing[e] = nameCodes[e] === 0 ? 0 : 1;
    amounts[e] = amountMissing[e] ? 0 : pick(200);
  }
  const events: EventTable = {
    count,
    profileStart,
    nameCodes,
    eventNames: ['purchase', 'product_view', 'cart_add', 'login', 'email_open'],
    days: encodeNumbers(days, () => false),
    // Noon of each event's day.
    instants: packInstants(count, (e) => days[e] * 86_400_000 + 43_200_000),
    properties: new Map([['amount', { name: 'amount', type: 'number', missing: rowMaskOf(amountMissing), ...encodeNumbers(amounts, (i) => amountMissing[i] === 1) }]]),
    orphanCount: 0,
  };
  const ids = packTexts(Array.from({ length: N }, (_, i) => `u${i}`));
  return { profiles: { count: N, idColumn: 'user_id', ids, columns }, events, version };
}

function segment(text: string): SegmentDecl {
  const { ast, diagnostics } = parseSegments(text, 'bench.segment');
  if (diagnostics.length) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return ast.segments[0];
}

const fiveConditions = (ageHigh: number) => `segment bench {
  include
    age between 25 and ${ageHigh}
    and city in ("city1", "city2", "city3", "city4", "city5", "city6", "city7", "city8", "city9", "city10")
    and last_seen within last 90 days
    and not vip
    and interests contains any ("sport", "travel")
}`;

function time<T>(f: () => T): [number, T] {
  const t0 = process.hrtime.bigint();
  const result = f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, result];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

const [buildMs, store] = time(() => buildStore(1));
console.log(`store: ${N.toLocaleString('en')} profiles, ${store.events!.count.toLocaleString('en')} events (built in ${buildMs.toFixed(0)} ms)`);

const evaluator = new Evaluator(store, { asOfDay: AS_OF });
const empty = new Map<string, SegmentDecl>();
const decl = segment(fiveConditions(45));

const [firstMs, first] = time(() => evaluator.countSegment(decl, empty));
console.log(`5 conditions, cold, first run (includes JIT warm-up): ${fmt(firstMs)}  → ${first.count.toLocaleString('en')} members, funnel ${first.funnel.map((s) => s.remaining).join(' → ')}`);

// Cold with a warm JIT: a new data version makes every cached result unreachable.
const cold: number[] = [];
for (let v = 2; v < 12; v++) {
  evaluator.setStore({ ...store, version: v });
  cold.push(time(() => evaluator.countSegment(decl, empty))[0]);
}
console.log(`5 conditions, cold (JIT warm, new data version), median of 10: ${fmt(median(cold))}`);

const warm: number[] = [];
for (let i = 0; i < 20; i++) warm.push(time(() => evaluator.countSegment(segment(fiveConditions(45)), empty))[0]);
console.log(`5 conditions, warm (all cached, re-parsed each time), median of 20: ${fmt(median(warm))}`);

const edits: number[] = [];
for (let i = 0; i < 10; i++) {
  const edited = segment(fiveConditions(46 + i));
  const before = evaluator.stats.computedConditions;
  edits.push(time(() => evaluator.countSegment(edited, empty))[0]);
  if (evaluator.stats.computedConditions - before !== 1) throw new Error('an edit recomputed more than one condition');
}
console.log(`one condition edited (1 recomputed, 4 cached), median of 10: ${fmt(median(edits))}`);

const didDecl = (n: number) => segment(`segment d { include did purchase where (amount > ${n}) at least 2 times within last 30 days }`);
const dids: number[] = [];
let didCount = 0;
for (let i = 0; i < 5; i++) {
  const [ms, r] = time(() => evaluator.countSegment(didDecl(50 + i), empty));
  dids.push(ms);
  didCount = r.count;
}
console.log(`did purchase where (amount > n) at least 2 times within last 30 days, cold, median of 5: ${fmt(median(dids))}  → ${didCount.toLocaleString('en')} members`);

const countEdits: number[] = [];
for (let i = 0; i < 5; i++) {
  const edited = segment(`segment d { include did purchase where (amount > 54) at least ${3 + i} times within last 30 days }`);
  countEdits.push(time(() => evaluator.countSegment(edited, empty))[0]);
}
console.log(`same did with its count edited (where-filter and name cached), median of 5: ${fmt(median(countEdits))}`);

// Each condition alone, cold with a warm JIT (each scan includes parsing and the count).
const singles = [
  'age between 25 and 45',
  'city in ("city1", "city2")',
  'city = "city3"',
  'last_seen within last 90 days',
  'not vip',
  'interests contains any ("sport", "travel")',
];
for (const condition of singles) {
  const runs: number[] = [];
  for (let v = 0; v < 5; v++) {
    evaluator.setStore({ ...store, version: 100 + v });
    runs.push(time(() => evaluator.countSegment(segment(`segment one { include ${condition} }`), empty))[0]);
  }
  console.log(`  alone, cold, median of 5: ${fmt(median(runs)).padStart(9)}  ${condition}`);
}

const [idsMs, ids] = time(() => evaluator.memberIds(decl, empty));
console.log(`memberIds of the 5-condition segment (cached conditions): ${fmt(idsMs)} for ${ids.length.toLocaleString('en')} ids`);
