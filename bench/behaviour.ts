// Benchmark (not a test): each behaviour form of the language — windows counted
// back from asOf, aggregates, first/last, sequences — counted by our engine and
// by DuckDB running the SQL the compiler generates, on the same generated
// sample (1,000,000 profiles, ~6M events), in one run. Target: our count of a
// form (cold: a new data version, so nothing cached, with a warm JIT) at most
// 0.5× DuckDB's warm time for its query.
//
//   npx tsx bench/behaviour.ts [--profiles 1000000] [--runs 5]
//
// Each engine runs in a child process of its own, from an esbuild bundle of
// this script (see bundle-self.ts).
import { loadavg } from 'node:os';
import type { SegmentDecl } from '../server/src/core/syntax/ast';
import { bundleCsvPartWorker, bundleSelf, runBundleChild } from './bundle-self';
import { catalogFromTypes, duckEventsSql, duckProfilesSql, duckValue, median, openDuck, parseOne } from './duck-tables';
import { SAMPLE_AS_OF, SAMPLE_ID_COLUMN, sampleFiles, type SampleFiles } from './sample-files';

const AS_OF = SAMPLE_AS_OF;
const ID = SAMPLE_ID_COLUMN;
const MB = 1024 * 1024;

/** One segment per form, written as the demo project writes them. */
export const FORMS: { name: string; text: string }[] = [
  { name: 'relative windows', text: 'last_seen_at between 30 and 90 days ago and did product_view between 30 and 90 days ago and did purchase more than 90 days ago' },
  { name: 'sum (exact) over a window', text: 'sum of purchase.amount within last 12 months >= 2500' },
  { name: 'average with a filter', text: 'average of purchase.amount where (category in ("shoes", "sport")) >= 1000' },
  { name: 'min and max', text: 'min of purchase.amount within last 12 months < 500 and max of purchase.amount within last 12 months >= 2000' },
  { name: 'distinct count', text: 'distinct count of product_view.product_id within last 30 days >= 5' },
  { name: 'first did', text: 'first did purchase within last 30 days' },
  { name: 'last did', text: 'last did purchase more than 90 days ago' },
  { name: 'sequence: then did not', text: 'did add_to_cart within last 30 days then did not purchase within 1 day' },
  { name: 'sequence: with same', text: 'did product_view within last 14 days then did not purchase within 3 days with same product_id' },
  { name: 'sequence: 3 steps', text: 'did page_view where (page starts with "/c/") within last 30 days then did product_view within 10 minutes then did add_to_cart within 30 minutes' },
];

const segmentText = (i: number) => `segment form_${i} {\n  include ${FORMS[i].text}\n}`;

interface FormTimes {
  count: number;
  firstMs: number;
  /** Ours: a new data version before each run (nothing cached). DuckDB: every run after the first. */
  repeatMs: number;
}

interface ChildResult {
  forms: FormTimes[];
  /** Ours: bytes of the events' instants (sequences need them). */
  instantsMb?: number;
  eventsMb?: number;
}

let csvPartWorker: string | undefined;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function ours(profiles: string, events: string, runs: number): Promise<ChildResult> {
  const { loadSample } = await import('../server/src/core/sample/load-sample');
  const { Evaluator } = await import('../server/src/core/evaluate/evaluator');
  const { parseSegments } = await import('../server/src/core/syntax/parser');
  const { parseIsoDay } = await import('../server/src/core/base/days');
  const loaded = loadSample({ profilesPath: profiles, eventsPath: events, idColumn: ID, csvPartWorker: csvPartWorker ? { script: csvPartWorker } : undefined });
  const store = loaded.store;
  if (!store?.events) throw new Error(loaded.diagnostics[0]?.message ?? 'no data');
  let version = store.version;
  const evaluator = new Evaluator(store, { asOfDay: parseIsoDay(AS_OF)! });
  const none = new Map<string, SegmentDecl>();
  const forms: FormTimes[] = [];
  for (let i = 0; i < FORMS.length; i++) {
    const decl = parseOne(segmentText(i), parseSegments);
    const t0 = performance.now();
    const count = evaluator.countSegment(decl, none).count;
    const firstMs = performance.now() - t0;
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      evaluator.setStore({ ...store, version: ++version });
      const t = performance.now();
      evaluator.countSegment(decl, none);
      times.push(performance.now() - t);
    }
    forms.push({ count, firstMs, repeatMs: median(times) });
  }
  const { instants } = store.events;
  const instantBytes = instants.kind === 'seconds' ? instants.seconds.byteLength + (instants.millis?.byteLength ?? 0) : instants.ms.byteLength;
  return { forms, instantsMb: instantBytes / MB, eventsMb: store.events.count };
}

async function duck(profiles: string, events: string, runs: number): Promise<ChildResult> {
  const { compileSegment } = await import('../server/src/core/sql/compile');
  const { parseSegments } = await import('../server/src/core/syntax/parser');
  const connection = await openDuck();
  await connection.run(duckProfilesSql(profiles));
  await connection.run(duckEventsSql(events));
  const catalog = catalogFromTypes();
  const forms: FormTimes[] = [];
  for (let i = 0; i < FORMS.length; i++) {
    const sql = `SELECT count(*) FROM (\n${compileSegment(parseOne(segmentText(i), parseSegments), new Map(), { dialect: 'duckdb', idColumn: ID, asOf: AS_OF, catalog })}\n)`;
    const t0 = performance.now();
    const count = await duckValue(connection, sql);
    const firstMs = performance.now() - t0;
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      await duckValue(connection, sql);
      times.push(performance.now() - t);
    }
    forms.push({ count, firstMs, repeatMs: median(times) });
  }
  return { forms };
}

function runChild(bundle: string, kind: string, files: SampleFiles, worker: string, runs: number): ChildResult {
  return runBundleChild<ChildResult>(bundle, [kind, files.profiles, files.events, worker, String(runs)]);
}

async function main(): Promise<void> {
  const childIndex = process.argv.indexOf('--child');
  if (childIndex >= 0) {
    const [kind, profiles, events, worker, runs] = process.argv.slice(childIndex + 1);
    csvPartWorker = worker;
    const result = kind === 'ours' ? await ours(profiles, events, Number(runs)) : await duck(profiles, events, Number(runs));
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  const profileCount = option('profiles', 1_000_000);
  const runs = option('runs', 5);
  const files = await sampleFiles(profileCount);
  const bundle = bundleSelf(import.meta.url, 'behaviour');
  const worker = bundleCsvPartWorker();
  const loadStart = loadavg();
  console.log(`${profileCount.toLocaleString('en-US')} profiles, ${files.eventCount.toLocaleString('en-US')} events; asOf ${AS_OF}; DuckDB in memory, threads = 2`);
  console.log(`load average at start: ${loadStart.map((x) => x.toFixed(2)).join(' ')}`);
  const o = runChild(bundle, 'ours', files, worker, runs);
  const d = runChild(bundle, 'duck', files, worker, runs);
  const loadEnd = loadavg();
  console.log('');
  console.log(`| form | ours, first | ours, cold (median of ${runs}) | DuckDB, first | DuckDB, warm (median of ${runs}) | ours cold / DuckDB warm | target | result | count |`);
  console.log('|---|---:|---:|---:|---:|---:|---|---|---:|');
  let ok = true;
  FORMS.forEach((form, i) => {
    const a = o.forms[i];
    const b = d.forms[i];
    const ratio = a.repeatMs / b.repeatMs;
    const same = a.count === b.count;
    ok &&= same;
    const ms = (x: number) => (x < 100 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`);
    console.log(
      `| ${form.name} | ${ms(a.firstMs)} | ${ms(a.repeatMs)} | ${ms(b.firstMs)} | ${ms(b.repeatMs)} | ${ratio.toFixed(2)}× | ≤ 0.5× | ${ratio <= 0.5 ? 'PASS' : 'MISS'} | ${a.count.toLocaleString('en-US')}${same ? '' : ` (DuckDB ${b.count.toLocaleString('en-US')}: DIFFERENT)`} |`,
    );
  });
  console.log('');
  console.log(`event instants kept for sequences: ${o.instantsMb!.toFixed(1)} MB for ${o.eventsMb!.toLocaleString('en-US')} events`);
  console.log(`load average at end: ${loadEnd.map((x) => x.toFixed(2)).join(' ')}`);
  if (!ok) {
    console.error('the engines disagree on a count');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
