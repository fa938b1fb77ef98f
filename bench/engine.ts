// Benchmark (not a test): the audience engine side by side with DuckDB on the
// same files, in one run. Prints one table of medians with the ratio
// ours / DuckDB and PASS or MISS against the targets in bench/README.md.
//
//   npx tsx bench/engine.ts [--profiles 1000000] [--runs 3]
//
// Data: scripts/sample-generator.ts (1,000,000 profiles x 26 columns, ~5.9M
// events), written once into <os tmp>/segments-bench/ and reused when present
// with the same parameters.
//
// Every measurement runs in a child process of its own (one per engine and
// kind), so neither engine pays for the other's memory or garbage. The script
// bundles itself with esbuild first and the children run the bundle: tsx routes
// every cross-module call through export getters, which would skew the timings.
import { bundleCsvPartWorker, bundleSelf, runBundleChild } from './bundle-self';
import { loadavg } from 'node:os';
import type { ValueType } from '../server/src/core/base/value-type';
import type { SegmentDecl } from '../server/src/core/syntax/ast';
import { SAMPLE_AS_OF, SAMPLE_ID_COLUMN, sampleFiles, type SampleFiles } from './sample-files';
import {
  catalogFromTypes,
  duckEventsSql,
  duckMemoryMb,
  duckProfilesSql,
  duckValue,
  median,
  openDuck,
  parseOne,
  PROFILE_TYPES,
} from './duck-tables';

// ---------------------------------------------------------------- parameters

const AS_OF = SAMPLE_AS_OF;
const ID = SAMPLE_ID_COLUMN;
const MB = 1024 * 1024;

const FIVE_CONDITIONS = (ageHigh: number) => `segment five_conditions {
  include
    age between 25 and ${ageHigh}
    and city in ("Oslo", "Bergen", "Stockholm", "Copenhagen", "Helsinki")
    and email_opt_in
    and last_seen_at within last 30 days
    and interests contains any ("sport", "outdoor")
}`;

const TWO_DIDS = (days: number) => `segment two_dids {
  include
    did product_view where (category in ("shoes", "sport")) at least 2 times within last ${days} days
    and did purchase within last 90 days
}`;

// ---------------------------------------------------------------- helpers

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function now(): number {
  return performance.now();
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** RSS now, and the process's peak RSS so far, in bytes. */
function rss(): { now: number; peak: number } {
  return { now: process.memoryUsage().rss, peak: process.resourceUsage().maxRSS * 1024 };
}

// ---------------------------------------------------------------- children

interface LoadResult {
  ms: number;
  /** CPU time of the whole process while loading (user + system, every thread): steadier than wall time on a busy machine. */
  cpuMs: number;
  rows: number;
  /** Peak RSS minus RSS before loading. */
  peakRssMb: number;
  /** RSS growth once loaded (after a GC for ours). */
  rssMb: number;
  /** Ours: JS heap + array buffers held after a GC. DuckDB: duckdb_memory(). */
  liveMb: number;
}

let keep: unknown; // holds the loaded data while memory is measured

/** The loader's worker script, bundled by the parent and passed to each child (see runChild). */
let csvPartWorker: string | undefined;

async function loadOurs(profiles: string): Promise<LoadResult> {
  const { loadSample } = await import('../server/src/core/sample/load-sample');
  gc();
  const before = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  const t0 = now();
  // As the CLI and the language server load: the second half of the file read by a worker thread.
  const result = loadSample({ profilesPath: profiles, idColumn: ID, csvPartWorker: csvPartWorker ? { script: csvPartWorker } : undefined });
  const ms = now() - t0;
  const cpuMs = cpuSince(cpu0);
  const peak = rss().peak;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.store) throw new Error(errors[0]?.message ?? 'no store');
  if (result.profileThreads !== 2) throw new Error('the profiles were read by one thread; the worker script did not run');
  checkTypes(result.store.profiles.columns);
  keep = result.store;
  gc();
  const after = process.memoryUsage();
  return {
    ms,
    cpuMs,
    rows: result.store.profiles.count,
    peakRssMb: (peak - before.rss) / MB,
    rssMb: (after.rss - before.rss) / MB,
    liveMb: (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / MB,
  };
}

function checkTypes(columns: Map<string, { type: ValueType }>): void {
  for (const [name, type] of Object.entries(PROFILE_TYPES)) {
    const got = columns.get(name)?.type;
    if (got !== type) throw new Error(`the loader read \`${name}\` as ${got}, the benchmark declares ${type} for DuckDB`);
  }
}

async function loadDuck(profiles: string): Promise<LoadResult> {
  gc();
  const before = rss();
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const connection = await openDuck();
  await connection.run(duckProfilesSql(profiles));
  const ms = now() - t0;
  const cpuMs = cpuSince(cpu0);
  const after = rss();
  const rows = await duckValue(connection, 'SELECT count(*) FROM profiles');
  return {
    ms,
    cpuMs,
    rows,
    peakRssMb: (after.peak - before.now) / MB,
    rssMb: (after.now - before.now) / MB,
    liveMb: await duckMemoryMb(connection),
  };
}

interface QueryResult {
  eventsLoadMs: number;
  fiveCount: number;
  fiveFirstMs: number;
  fiveColdMs: number;
  fiveWarmMs: number;
  editCount: number;
  editMs: number;
  didCount: number;
  didFirstMs: number;
  didColdMs: number;
}

const COLD_RUNS = 7;
const WARM_RUNS = 10;

async function queryOurs(profiles: string, events: string): Promise<QueryResult> {
  const { loadProfiles } = await import('../server/src/core/sample/load-profiles');
  const { loadEvents } = await import('../server/src/core/sample/load-events');
  const { Evaluator } = await import('../server/src/core/evaluate/evaluator');
  const { parseSegments } = await import('../server/src/core/syntax/parser');
  const { parseIsoDay } = await import('../server/src/core/base/days');

  const loaded = loadProfiles({ path: profiles, idColumn: ID, csvPartWorker: csvPartWorker ? { script: csvPartWorker } : undefined });
  if (!loaded.table || !loaded.idIndex) throw new Error(loaded.diagnostics[0]?.message ?? 'no profiles');
  const t0 = now();
  const ev = loadEvents({ path: events, idColumn: ID, idIndex: loaded.idIndex, profileCount: loaded.table.count });
  const eventsLoadMs = now() - t0;
  if (!ev.table) throw new Error(ev.diagnostics[0]?.message ?? 'no events');
  let version = 1;
  const store = { profiles: loaded.table, events: ev.table, version };
  const evaluator = new Evaluator(store, { asOfDay: parseIsoDay(AS_OF)! });
  const none = new Map<string, SegmentDecl>();
  const time = (decl: SegmentDecl): [number, number] => {
    const t = now();
    const count = evaluator.countSegment(decl, none).count;
    return [now() - t, count];
  };
  // A new data version makes every cached condition unreachable: a cold evaluation with a warm JIT.
  const cold = (decl: SegmentDecl) => {
    const runs: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      evaluator.setStore({ ...store, version: ++version });
      runs.push(time(decl)[0]);
    }
    return median(runs);
  };

  const five = parseOne(FIVE_CONDITIONS(45), parseSegments);
  const [fiveFirstMs, fiveCount] = time(five);
  const fiveColdMs = cold(five);
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(time(five)[0]);

  const edits: number[] = [];
  let editCount = 0;
  for (let i = 0; i < COLD_RUNS; i++) {
    const edited = parseOne(FIVE_CONDITIONS(46 + i), parseSegments);
    const before = evaluator.stats.computedConditions;
    const [ms, count] = time(edited);
    if (evaluator.stats.computedConditions - before !== 1) throw new Error('an edit recomputed more than one condition');
    edits.push(ms);
    if (i === 0) editCount = count;
  }

  const did = parseOne(TWO_DIDS(60), parseSegments);
  const [didFirstMs, didCount] = time(did);
  const didColdMs = cold(did);
  return {
    eventsLoadMs,
    fiveCount,
    fiveFirstMs,
    fiveColdMs,
    fiveWarmMs: median(warm),
    editCount,
    editMs: median(edits),
    didCount,
    didFirstMs,
    didColdMs,
  };
}

async function queryDuck(profiles: string, events: string): Promise<QueryResult> {
  const { compileSegment } = await import('../server/src/core/sql/compile');
  const { parseSegments } = await import('../server/src/core/syntax/parser');
  const connection = await openDuck();
  await connection.run(duckProfilesSql(profiles));
  const t0 = now();
  await connection.run(duckEventsSql(events));
  const eventsLoadMs = now() - t0;
  const catalog = catalogFromTypes();
  const countSql = (text: string) =>
    `SELECT count(*) FROM (\n${compileSegment(parseOne(text, parseSegments), new Map(), { dialect: 'duckdb', idColumn: ID, asOf: AS_OF, catalog })}\n)`;
  const time = async (sql: string): Promise<[number, number]> => {
    const t = now();
    const count = await duckValue(connection, sql);
    return [now() - t, count];
  };
  const repeat = async (sql: string, runs: number) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await time(sql))[0]);
    return median(times);
  };

  const five = countSql(FIVE_CONDITIONS(45));
  const [fiveFirstMs, fiveCount] = await time(five);
  // DuckDB keeps no results between queries: every run is a cold run.
  const fiveColdMs = await repeat(five, COLD_RUNS);
  const fiveWarmMs = await repeat(five, WARM_RUNS);
  const edits: number[] = [];
  let editCount = 0;
  for (let i = 0; i < COLD_RUNS; i++) {
    const [ms, count] = await time(countSql(FIVE_CONDITIONS(46 + i)));
    edits.push(ms);
    if (i === 0) editCount = count;
  }
  const did = countSql(TWO_DIDS(60));
  const [didFirstMs, didCount] = await time(did);
  const didColdMs = await repeat(did, COLD_RUNS);
  return {
    eventsLoadMs,
    fiveCount,
    fiveFirstMs,
    fiveColdMs,
    fiveWarmMs,
    editCount,
    editMs: median(edits),
    didCount,
    didFirstMs,
    didColdMs,
  };
}

async function child(kind: string, profiles: string, events: string): Promise<void> {
  const run: Record<string, () => Promise<unknown>> = {
    'load-ours': () => loadOurs(profiles),
    'load-duckdb': () => loadDuck(profiles),
    'query-ours': () => queryOurs(profiles, events),
    'query-duckdb': () => queryDuck(profiles, events),
  };
  const result = await run[kind]();
  void keep;
  process.stdout.write(JSON.stringify(result) + '\n');
}

// ---------------------------------------------------------------- parent


function runChild<T>(bundle: string, kind: string, files: SampleFiles, worker: string): T {
  return runBundleChild<T>(bundle, [kind, files.profiles, files.events, worker]);
}

interface Row {
  what: string;
  ours: number;
  duck: number;
  unit: 'ms' | 'MB';
  /** Target as a ratio ours / DuckDB, or as an absolute value (memory). */
  target?: { ratio?: number; absolute?: number };
}

function formatTable(rows: Row[]): string[] {
  const cell = (v: number, unit: string) => (unit === 'ms' && v < 100 ? `${v.toFixed(2)} ${unit}` : `${v.toFixed(0)} ${unit}`);
  const lines = [
    '| measure | ours | DuckDB | ours / DuckDB | target | result |',
    '|---|---:|---:|---:|---|---|',
  ];
  for (const r of rows) {
    const ratio = r.ours / r.duck;
    let target = '';
    let result = '';
    if (r.target?.ratio !== undefined) {
      target = `≤ ${r.target.ratio}×`;
      result = ratio <= r.target.ratio ? 'PASS' : 'MISS';
    } else if (r.target?.absolute !== undefined) {
      target = `≤ ${r.target.absolute} ${r.unit}`;
      result = r.ours <= r.target.absolute ? 'PASS' : 'MISS';
    }
    lines.push(`| ${r.what} | ${cell(r.ours, r.unit)} | ${cell(r.duck, r.unit)} | ${ratio.toFixed(2)}× | ${target} | ${result} |`);
  }
  return lines;
}

async function main(): Promise<void> {
  const childIndex = process.argv.indexOf('--child');
  if (childIndex >= 0) {
    csvPartWorker = process.argv[childIndex + 4];
    await child(process.argv[childIndex + 1], process.argv[childIndex + 2], process.argv[childIndex + 3]);
    return;
  }
  const profileCount = option('profiles', 1_000_000);
  const runs = option('runs', 3);
  const files = await sampleFiles(profileCount);

  const bundle = bundleSelf(import.meta.url, 'engine');
  const worker = bundleCsvPartWorker();

  const loadStart = loadavg();
  console.log(`${profileCount.toLocaleString('en-US')} profiles x ${Object.keys(PROFILE_TYPES).length + 1} columns, ${files.eventCount.toLocaleString('en-US')} events; asOf ${AS_OF}; DuckDB in memory, threads = 2`);
  console.log(`load average at start: ${loadStart.map((x) => x.toFixed(2)).join(' ')}`);

  // Loads alternate between the engines, so a burst of load on the machine hits both.
  const oursLoads: LoadResult[] = [];
  const duckLoads: LoadResult[] = [];
  for (let i = 0; i < runs; i++) {
    oursLoads.push(runChild<LoadResult>(bundle, 'load-ours', files, worker));
    duckLoads.push(runChild<LoadResult>(bundle, 'load-duckdb', files, worker));
    process.stdout.write(`  load run ${i + 1}: ours ${oursLoads[i].ms.toFixed(0)} ms, DuckDB ${duckLoads[i].ms.toFixed(0)} ms\n`);
  }
  for (const l of [...oursLoads, ...duckLoads]) {
    if (l.rows !== profileCount) throw new Error(`loaded ${l.rows} profiles, expected ${profileCount}`);
  }
  const ours = runChild<QueryResult>(bundle, 'query-ours', files, worker);
  const duck = runChild<QueryResult>(bundle, 'query-duckdb', files, worker);
  const loadEnd = loadavg();

  const m = (xs: LoadResult[], f: (l: LoadResult) => number) => median(xs.map(f));
  const rows: Row[] = [
    { what: `load profiles CSV (median of ${runs})`, ours: m(oursLoads, (l) => l.ms), duck: m(duckLoads, (l) => l.ms), unit: 'ms', target: { ratio: 0.7 } },
    { what: 'load profiles CSV, CPU time of all threads (median)', ours: m(oursLoads, (l) => l.cpuMs), duck: m(duckLoads, (l) => l.cpuMs), unit: 'ms' },
    { what: 'profiles in memory: peak RSS growth while loading', ours: m(oursLoads, (l) => l.peakRssMb), duck: m(duckLoads, (l) => l.peakRssMb), unit: 'MB', target: { absolute: 250 } },
    { what: 'profiles in memory: RSS growth once loaded', ours: m(oursLoads, (l) => l.rssMb), duck: m(duckLoads, (l) => l.rssMb), unit: 'MB' },
    { what: 'profiles in memory: live data (ours: heap + buffers after GC; DuckDB: duckdb_memory())', ours: m(oursLoads, (l) => l.liveMb), duck: m(duckLoads, (l) => l.liveMb), unit: 'MB' },
    { what: '5-condition count, first evaluation', ours: ours.fiveFirstMs, duck: duck.fiveFirstMs, unit: 'ms' },
    { what: `5-condition count, cold (median of ${COLD_RUNS})`, ours: ours.fiveColdMs, duck: duck.fiveColdMs, unit: 'ms', target: { ratio: 0.4 } },
    { what: `5-condition count, warm (median of ${WARM_RUNS})`, ours: ours.fiveWarmMs, duck: duck.fiveWarmMs, unit: 'ms' },
    { what: `one condition edited, new count (median of ${COLD_RUNS})`, ours: ours.editMs, duck: duck.editMs, unit: 'ms', target: { ratio: 0.1 } },
    { what: 'load events CSV', ours: ours.eventsLoadMs, duck: duck.eventsLoadMs, unit: 'ms' },
    { what: 'two `did` conditions, first evaluation', ours: ours.didFirstMs, duck: duck.didFirstMs, unit: 'ms' },
    { what: `two \`did\` conditions, cold (median of ${COLD_RUNS})`, ours: ours.didColdMs, duck: duck.didColdMs, unit: 'ms', target: { ratio: 0.5 } },
  ];
  console.log('');
  for (const line of formatTable(rows)) console.log(line);
  console.log('');
  const agree = (what: string, a: number, b: number) => {
    console.log(`${what}: ours ${a.toLocaleString('en-US')}, DuckDB ${b.toLocaleString('en-US')} ${a === b ? '(equal)' : '(DIFFERENT)'}`);
    return a === b;
  };
  const ok = [
    agree('5-condition count', ours.fiveCount, duck.fiveCount),
    agree('edited 5-condition count', ours.editCount, duck.editCount),
    agree('two-did count', ours.didCount, duck.didCount),
  ].every(Boolean);
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
