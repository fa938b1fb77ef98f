// Starts and edits on the 1,000,000-profile sample (profiles only, 26 columns),
// next to DuckDB in the same run, as a user meets them:
//   1. `segments size --format json --no-cache`, spawn → exit (the sample parsed), beside
//      DuckDB cold: a new node process that loads the CSV with read_csv_auto and counts
//      the same two segments with their compiled queries, spawn → exit
//   2. `segments size --format json` reading the sample cache, spawn → exit
//   3. the cache file's size next to the CSV's
//   4. the language server with the cache: spawn → first CodeLens with a size; its RSS
//   5. edit one condition → the CodeLens shows the new size, less a bare LSP round trip,
//      beside DuckDB warm: the edited query again on the loaded table
// Every count is checked: ours against DuckDB's, and each edit's size against the CLI.
//
//   npm run build && node --import tsx bench/cold-start.ts [--runs 5] [--edits 20]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { fileUri, positionOf, SAMPLE_PROJECT, startServer } from '../test/lsp/support';
import { REPO_ROOT } from '../test/support/cli';
import { SAMPLE_AS_OF, SAMPLE_ID_COLUMN, sampleFiles } from './sample-files';
import { procMemory, sizeOnLine } from './server-probes';

const option = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = option('runs', 5);
const EDITS = option('edits', 20);
const CLI = join(REPO_ROOT, 'bin', 'segments.js');

const SEGMENTS = `segment young_nordics {
  include age between 25 and 45 and city in ("Oslo", "Bergen", "Stockholm", "Copenhagen", "Helsinki") and email_opt_in
}

segment big_spenders {
  include total_spent > 2000 and loyalty_tier in ("gold", "platinum")
}
`;
/** The edits count the upper age bound of young_nordics up, one year each. */
const EDITED = 'age between 25 and ';
const FIRST_AGE = 45;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function makeProject(profiles: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'segments-cold-start-'));
  copyFileSync(join(SAMPLE_PROJECT, 'schema.json'), join(dir, 'schema.json'));
  mkdirSync(join(dir, 'segments'));
  writeFileSync(join(dir, 'segments', 'bench.segment'), SEGMENTS);
  writeFileSync(join(dir, 'segments.config.json'), JSON.stringify({ sample: profiles, schema: 'schema.json', idColumn: SAMPLE_ID_COLUMN, asOf: SAMPLE_AS_OF }, null, 2));
  return dir;
}

function timedSpawn(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { ms: number; stdout: string; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

function ourCounts(stdout: string): number[] {
  return (JSON.parse(stdout) as { count: number }[]).map((r) => r.count);
}

/**
 * DuckDB in a new process: load the CSV (read_csv_auto, 2 threads), then run each
 * query's count; prints each query's time and count.
 */
function duckDb(csv: string, queries: string[]): { ms: number; queries: { ms: number; count: number }[] } {
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const [csv, queries] = JSON.parse(process.argv[1]);
    const db = await DuckDBInstance.create(':memory:', { threads: '2' });
    const c = await db.connect();
    await c.run("SET TimeZone = 'UTC'");
    await c.run(\`CREATE TABLE profiles AS SELECT * FROM read_csv_auto('\${csv.replace(/'/g, "''")}')\`);
    const out = [];
    for (const q of queries) {
      const t = performance.now();
      const count = Number((await c.runAndReadAll(\`SELECT count(*) FROM (\${q.trimEnd().replace(/;$/, '')}) AS m\`)).getRows()[0][0]);
      out.push({ ms: performance.now() - t, count });
    }
    console.log(JSON.stringify(out));`;
  const r = timedSpawn(['--input-type=module', '-e', script, JSON.stringify([csv, queries])], REPO_ROOT);
  return { ms: r.ms, queries: JSON.parse(r.stdout) as { ms: number; count: number }[] };
}

function compiledQueries(root: string, text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'segments-cold-sql-'));
  try {
    copyFileSync(join(root, 'schema.json'), join(dir, 'schema.json'));
    copyFileSync(join(root, 'segments.config.json'), join(dir, 'segments.config.json'));
    writeFileSync(join(dir, 'q.segment'), text);
    const out = timedSpawn([CLI, 'sql', '--dialect', 'duckdb', '--format', 'json', '--no-cache'], dir).stdout;
    return (JSON.parse(out) as { sql: string }[]).map((r) => r.sql);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function languageServer(root: string): Promise<{ firstSizeMs: number; roundTripMs: number[]; editMs: number[]; sizes: number[]; rss: { rssMb: number; peakMb: number } }> {
  const path = join(root, 'segments', 'bench.segment');
  const uri = fileUri(path);
  const t0 = performance.now();
  const client = await startServer({ root, settings: { debounceMs: 0 } });
  try {
    client.open(uri, SEGMENTS);
    const line = positionOf(SEGMENTS, 'segment young_nordics', { atStart: true }).line;
    await client.until('a size', async () => sizeOnLine(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }), line), 600_000);
    const firstSizeMs = performance.now() - t0;
    // A bare round trip: a request whose answer needs no work on the data.
    const roundTripMs: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await client.request('textDocument/foldingRange', { textDocument: { uri } });
      roundTripMs.push(performance.now() - t);
    }
    const editMs: number[] = [];
    const sizes: number[] = [];
    let age = FIRST_AGE;
    for (let i = 0; i <= EDITS; i++) {
      const old = String(age);
      const at = positionOf(client.textOf(uri)!, `${EDITED}${old}`);
      age++;
      const t = performance.now();
      const version = client.edit(uri, { start: { line: at.line, character: at.character - old.length }, end: at }, String(age));
      const size = sizeOnLine(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }), line);
      const ms = performance.now() - t;
      if (size === undefined) throw new Error(`no size after the edit to ${age}`);
      // The first edit JIT-compiles the edit path: not counted.
      if (i > 0) editMs.push(ms);
      sizes.push(size);
      await client.until('diagnostics of the edit', () => (client.published.get(uri)?.version === version ? true : undefined));
      await new Promise((r) => setTimeout(r, 30));
    }
    return { firstSizeMs, roundTripMs, editMs, sizes, rss: procMemory(client.child.pid!) };
  } finally {
    await client.stop();
  }
}

function cacheFiles(root: string): string[] {
  const dir = join(root, '.segments-cache');
  return readdirSync(dir).filter((f) => f.endsWith('.sample-cache')).map((f) => join(dir, f));
}

const ms = (v: number): string => (v < 100 ? `${v.toFixed(1)} ms` : `${Math.round(v).toLocaleString('en-US')} ms`);
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

async function main(): Promise<void> {
  const files = await sampleFiles(1_000_000);
  const root = makeProject(files.profiles);
  const csvBytes = statSync(files.profiles).size;
  const load0 = loadavg();
  console.log(`1,000,000 profiles (${(csvBytes / 1e6).toFixed(0)} MB CSV); ${cpus().length} cores; load average at start ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  try {
    const queries = compiledQueries(root, SEGMENTS);
    // 1. cold, no cache, alternating with DuckDB cold.
    const oursCold: number[] = [];
    const duckCold: number[] = [];
    let counts: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ours = timedSpawn([CLI, 'size', '--format', 'json', '--no-cache'], root);
      oursCold.push(ours.ms);
      counts = ourCounts(ours.stdout);
      const duck = duckDb(files.profiles, queries);
      duckCold.push(duck.ms);
      const duckCounts = duck.queries.map((q) => q.count);
      if (JSON.stringify(duckCounts) !== JSON.stringify(counts)) throw new Error(`counts differ: ours ${counts}, DuckDB ${duckCounts}`);
    }
    console.log(`  counts (ours = DuckDB): ${counts.join(', ')}`);
    const phases = timedSpawn([CLI, 'size', '--format', 'json', '--no-cache', '--timings'], root).stderr;
    console.log(`  one cold run's phases (--timings):\n${phases.replace(/^/gm, '    ')}`);

    // 2. with the cache: one run writes it, the next ones read it.
    const writing = timedSpawn([CLI, 'size', '--format', 'json'], root);
    const oursCached: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = timedSpawn([CLI, 'size', '--format', 'json'], root);
      if (JSON.stringify(ourCounts(run.stdout)) !== JSON.stringify(counts)) throw new Error('the cached run counts differently');
      oursCached.push(run.ms);
    }
    const cachedPhases = timedSpawn([CLI, 'size', '--format', 'json', '--timings'], root).stderr;
    console.log(`  one cached run's phases (--timings):\n${cachedPhases.replace(/^/gm, '    ')}`);
    const cache = cacheFiles(root);
    const cacheBytes = cache.reduce((n, f) => n + statSync(f).size, 0);

    // 4-5. the language server, with the cache the CLI wrote.
    const lsp = [];
    for (let i = 0; i < 3; i++) lsp.push(await languageServer(root));
    const edits = lsp[lsp.length - 1];
    const editQueries = compiledQueries(root, edits.sizes.map((_, i) => SEGMENTS.replace(`${EDITED}${FIRST_AGE}`, `${EDITED}${FIRST_AGE + 1 + i}`).split('\n\n')[0].replace('young_nordics', `edit_${i}`)).join('\n\n'));
    const warm = duckDb(files.profiles, editQueries).queries;
    if (JSON.stringify(warm.map((q) => q.count)) !== JSON.stringify(edits.sizes)) throw new Error(`edited sizes differ: ours ${edits.sizes}, DuckDB ${warm.map((q) => q.count)}`);
    const duckWarm = warm.map((q) => q.ms);
    const load1 = loadavg();

    const dCold = median(duckCold);
    const oCold = median(oursCold);
    const oCached = median(oursCached);
    const firstSize = median(lsp.map((r) => r.firstSizeMs));
    const roundTrip = median(edits.roundTripMs);
    const edit = median(edits.editMs);
    const beyond = edit - roundTrip;
    const dWarm = median(duckWarm.slice(1));
    const rss = Math.max(...lsp.map((r) => r.rss.rssMb));
    console.log(`\nwriting the cache (one run, parse + write): ${ms(writing.ms)}; cache ${(cacheBytes / 1e6).toFixed(1)} MB in ${cache.length} file(s)`);
    console.log(`edit sizes: ${edits.sizes.join(', ')}`);
    console.log('');
    console.log('| measure | ours | DuckDB | ratio | target | result |');
    console.log('|---|---:|---:|---:|---|---|');
    console.log(`| \`segments size\` cold, no cache, spawn → exit (median of ${RUNS}) | ${ms(oCold)} | ${ms(dCold)} (read_csv_auto + 2 counts) | ${ratio(oCold, dCold)} | ≤ 0.7× | ${verdict(oCold <= 0.7 * dCold)} |`);
    console.log(`| \`segments size\` with the cache, spawn → exit (median of ${RUNS}) | ${ms(oCached)} | ${ms(dCold)} (cold) | ${ratio(oCached, dCold)} | ≤ 0.1× | ${verdict(oCached <= 0.1 * dCold)} |`);
    console.log(`| language server spawn → first lens size, with the cache (median of ${lsp.length}) | ${ms(firstSize)} | | | ≤ 300 ms | ${verdict(firstSize <= 300)} |`);
    console.log(`| edit → new lens size, beyond the round trip (${ms(edit)} − ${ms(roundTrip)}; median of ${edits.editMs.length}) | ${ms(beyond)} | ${ms(dWarm)} (warm count, median of ${duckWarm.length - 1}) | ${ratio(beyond, dWarm)} | ≤ 0.2× | ${verdict(beyond <= 0.2 * dWarm)} |`);
    console.log(`| server RSS with the sample loaded (max of ${lsp.length}; peak ${Math.round(Math.max(...lsp.map((r) => r.rss.peakMb)))} MB) | ${Math.round(rss)} MB | | | ≤ 300 MB | ${verdict(rss <= 300)} |`);
    console.log(`| cache file / CSV | ${(cacheBytes / 1e6).toFixed(1)} MB | ${(csvBytes / 1e6).toFixed(1)} MB (CSV) | ${ratio(cacheBytes, csvBytes)} | ≤ 0.5× | ${verdict(cacheBytes <= 0.5 * csvBytes)} |`);
    console.log(`\nsamples: ours cold ${oursCold.map((x) => x.toFixed(0)).join(', ')}; DuckDB cold ${duckCold.map((x) => x.toFixed(0)).join(', ')}; ours cached ${oursCached.map((x) => x.toFixed(0)).join(', ')}; first lens ${lsp.map((r) => r.firstSizeMs.toFixed(0)).join(', ')}`);
    console.log(`load average at end ${load1.map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
