// Benchmark (not a test): loads a 1,000,000-row x 25-column profile CSV with the
// sample loader and, for comparison, with DuckDB (read_csv_auto into a table,
// 2 threads). Prints wall time and memory growth of each, each measured in a
// fresh process so one does not pay for the other's garbage.
//
//   npx tsx bench/load-profiles.ts [--rows 1000000] [--runs 3]
//
// The CSV is generated once (deterministically) into <os tmp>/segments-bench/.
// The loader is bundled with esbuild first, as the extension ships it: tsx runs
// every cross-module call through export getters, which would skew the numbers.
import { bundleSelf } from './bundle-self';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BENCH_COLUMNS, writeProfileCsv } from './profile-csv-generator';

interface Measurement {
  what: string;
  ms: number;
  rows: number;
  rssGrowthMb: number;
  peakRssGrowthMb: number;
  heapGrowthMb: number;
  arrayBuffersMb: number;
  retainedMb: number;
  retainedHeapMb: number;
  retainedArrayBuffersMb: number;
  /** Bytes of the typed arrays the store holds (loader only). */
  storeArraysMb?: number;
}

const MB = 1024 * 1024;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function measure(what: string, run: () => Promise<number> | number): Promise<Measurement> {
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const rows = await run();
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  gc();
  const settled = process.memoryUsage();
  return {
    what,
    ms,
    rows,
    rssGrowthMb: (after.rss - before.rss) / MB,
    peakRssGrowthMb: (peakRss - before.rss) / MB,
    heapGrowthMb: (after.heapUsed - before.heapUsed) / MB,
    arrayBuffersMb: (after.arrayBuffers - before.arrayBuffers) / MB,
    retainedMb: (settled.rss - before.rss) / MB,
    retainedHeapMb: (settled.heapUsed - before.heapUsed) / MB,
    retainedArrayBuffersMb: (settled.arrayBuffers - before.arrayBuffers) / MB,
  };
}

let keep: unknown; // holds the loaded data until memory is measured

async function child(kind: string, csv: string): Promise<void> {
  let m: Measurement;
  if (kind === 'loader') {
    const { loadSample } = await import('../server/src/core/sample/load-sample');
    m = await measure('segments loader', () => {
      const result = loadSample({ profilesPath: csv, idColumn: 'user_id' });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) throw new Error(errors[0].message);
      keep = result.store;
      return result.store!.profiles.count;
    });
    let bytes = 0;
    const store = keep as { profiles: { columns: Map<string, Record<string, unknown>> } };
    for (const column of store.profiles.columns.values()) {
      for (const value of Object.values(column)) if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    }
    m.storeArraysMb = bytes / MB;
  } else {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    m = await measure('DuckDB read_csv_auto (2 threads)', async () => {
      const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
      const connection = await instance.connect();
      await connection.run(`CREATE TABLE profiles AS SELECT * FROM read_csv_auto('${csv.replace(/'/g, "''")}')`);
      const reader = await connection.runAndReadAll('SELECT count(*) FROM profiles');
      keep = [instance, connection];
      return Number(reader.getRows()[0][0]);
    });
  }
  void keep;
  process.stdout.write(JSON.stringify(m) + '\n');
}

async function main(): Promise<void> {
  const childIndex = process.argv.indexOf('--child');
  if (childIndex >= 0) {
    await child(process.argv[childIndex + 1], process.argv[childIndex + 2]);
    return;
  }
  const rows = option('rows', 1_000_000);
  const runs = option('runs', 3);
  const dataDir = join(tmpdir(), 'segments-bench');
  mkdirSync(dataDir, { recursive: true });
  const csv = join(dataDir, `profiles-${rows}x${BENCH_COLUMNS.length}.csv`);
  if (!existsSync(csv)) {
    console.log(`generating ${csv} …`);
    writeProfileCsv(csv, rows);
  }
  console.log(`${csv}: ${(statSync(csv).size / MB).toFixed(0)} MB, ${rows.toLocaleString('en-US')} rows x ${BENCH_COLUMNS.length} columns`);

  const bundle = bundleSelf(import.meta.url, 'load-profiles');

  for (const kind of ['loader', 'duckdb']) {
    const results: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      const out = spawnSync(process.execPath, ['--expose-gc', bundle, '--child', kind, csv], { encoding: 'utf8' });
      if (out.status !== 0) {
        console.error(out.stderr);
        process.exit(1);
      }
      results.push(JSON.parse(out.stdout.trim().split('\n').pop()!));
    }
    const best = results.reduce((a, b) => (b.ms < a.ms ? b : a));
    const times = results.map((r) => r.ms.toFixed(0)).join(', ');
    console.log(
      `${best.what}: best ${best.ms.toFixed(0)} ms (runs: ${times} ms), ${best.rows.toLocaleString('en-US')} rows; ` +
        `RSS +${best.rssGrowthMb.toFixed(0)} MB (peak +${best.peakRssGrowthMb.toFixed(0)} MB, after GC +${best.retainedMb.toFixed(0)} MB), ` +
        `JS heap +${best.heapGrowthMb.toFixed(0)} MB, array buffers +${best.arrayBuffersMb.toFixed(0)} MB; ` +
        `after GC: JS heap +${best.retainedHeapMb.toFixed(0)} MB, array buffers +${best.retainedArrayBuffersMb.toFixed(0)} MB` +
        (best.storeArraysMb !== undefined ? ` (the store's typed arrays: ${best.storeArraysMb.toFixed(0)} MB)` : ''),
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
