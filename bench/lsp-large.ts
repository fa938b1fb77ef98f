// Language-server figures on the 1,000,000-profile benchmark sample (~6M events),
// measured from the client side of a real stdio connection to the built server
// (`npm run build` first), as an editor sees them:
//   1. start → first diagnostics of an opened file while the sample still loads
//   2. start → first CodeLens with a size (the sample loaded and the file sized)
//   3. on the loaded sample, one number in one condition edited (an incremental
//      didChange) → the CodeLens shows the new size; both ways an editor gets
//      there: asking for lenses right after the change, and asking when the
//      server sends workspace/codeLens/refresh (debounceMs 0)
//   4. the server's memory with the sample loaded (/proc/<pid>/status)
//
//   node --import tsx bench/lsp-large.ts [--starts 5] [--loads 3] [--rounds 20] [--bare-loads 1] [--cpu-prof DIR]
//
// The server is started as the VS Code client starts it (server/src/lsp/launch-environment.ts);
// the --bare-loads runs start it without those allocator variables, for comparison.
//   (also: node --import tsx bench/lsp.ts --large …)
//
// The project: a temp folder with the demo's schema.json, customers.segment and
// targeting.segment, and a segments.config.json whose sample and events are the
// generated CSV files (bench/sample-files.ts, shared with bench/engine.ts).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { fileUri, positionOf, SAMPLE_PROJECT, startServer, type TestClient } from '../test/lsp/support';
import { SAMPLE_AS_OF, SAMPLE_ID_COLUMN, sampleFiles, type SampleFiles } from './sample-files';
import { procMemory, sizeOnLine, type ProcMemory } from './server-probes';

const PROFILES = 1_000_000;
const OPENED = 'targeting.segment';
/**
 * Added to the opened file: a segment holding a 3-step sequence next to the
 * condition the edits change (`engagement_score >= 65`, counted down one per
 * edit so every edit is new to the condition cache). Editing it must not
 * recompute the sequence.
 */
const EDITED_SEGMENT = 'engaged_browse_then_cart';
const EDITED_SEGMENT_TEXT = `
segment ${EDITED_SEGMENT} {
  include
    engagement_score >= 65
    and did page_view where (page starts with "/c/") within last 30 days
        then did product_view within 10 minutes
        then did add_to_cart within 30 minutes
}
`;
const EDITED_CONDITION = 'engagement_score >= ';
const FIRST_AGE = 65;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function textOption(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const starts = option('starts', 5);
const loads = option('loads', 3);
// Two edit series, each counting the age down by one from where the last stopped (65 → 25 at most).
const rounds = Math.min(option('rounds', 20), 20);
const cpuProfDir = textOption('cpu-prof');
const bareLoads = option('bare-loads', 1);

interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  // Nearest rank: with fewer than 20 runs the p95 is the slowest run.
  const p95 = s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
  return { median, p95, min: s[0], max: s[s.length - 1], n: s.length };
}

function makeProject(files: SampleFiles): string {
  const dir = mkdtempSync(join(tmpdir(), 'segments-lsp-large-'));
  copyFileSync(join(SAMPLE_PROJECT, 'schema.json'), join(dir, 'schema.json'));
  mkdirSync(join(dir, 'segments'));
  for (const f of ['customers.segment', OPENED]) copyFileSync(join(SAMPLE_PROJECT, 'segments', f), join(dir, 'segments', f));
  writeFileSync(join(dir, 'segments', OPENED), readFileSync(join(dir, 'segments', OPENED), 'utf8') + EDITED_SEGMENT_TEXT);
  const demo = JSON.parse(readFileSync(join(SAMPLE_PROJECT, 'segments.config.json'), 'utf8')) as { population?: number };
  const config = {
    sample: files.profiles,
    events: files.events,
    schema: 'schema.json',
    idColumn: SAMPLE_ID_COLUMN,
    asOf: SAMPLE_AS_OF,
    population: demo.population,
  };
  writeFileSync(join(dir, 'segments.config.json'), JSON.stringify(config, null, 2) + '\n');
  return dir;
}

async function lenses(client: TestClient, uri: string): Promise<CodeLens[]> {
  return client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
}

function lineOf(text: string, needle: string): number {
  return positionOf(text, needle, { atStart: true }).line;
}

/** Timestamps (performance.now) of the sample status notifications, next to what TestClient keeps. */
function watchSampleStatus(client: TestClient): { readyAt?: number } {
  const seen: { readyAt?: number } = {};
  client.connection.onNotification('segments/sampleStatus', (p: Record<string, unknown>) => {
    client.sampleStatuses.push(p);
    if (p.state === 'ready' && seen.readyAt === undefined) seen.readyAt = performance.now();
    if (p.state === 'error') console.error(`sample status: ${JSON.stringify(p)}`);
  });
  return seen;
}

async function start(root: string, bareEnvironment = false): Promise<{ client: TestClient; t0: number; status: { readyAt?: number } }> {
  const t0 = performance.now();
  // A server that dies before answering initialize leaves nothing pending: without this timer the script would just stop.
  let timer: NodeJS.Timeout | undefined;
  const noAnswer = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the server did not answer initialize within 30 s')), 30_000);
  });
  const client = await Promise.race([startServer({ root, settings: { debounceMs: 0 }, bareEnvironment }), noAnswer]).finally(() => clearTimeout(timer));
  return { client, t0, status: watchSampleStatus(client) };
}

// ---------------------------------------------------------------- 1. first diagnostics while loading

async function firstDiagnostics(root: string, uri: string, text: string): Promise<{ ms: number[]; diagnostics: number; loadingLens: boolean }> {
  const ms: number[] = [];
  let diagnostics = 0;
  let loadingLens = true;
  for (let i = 0; i < starts; i++) {
    const { client, t0, status } = await start(root);
    try {
      client.open(uri, text);
      const shown = await client.diagnosticsFor(uri, () => true, 30_000);
      ms.push(performance.now() - t0);
      diagnostics = shown.length;
      // Proof that the sample was still loading when the diagnostics came.
      const list = await lenses(client, uri);
      loadingLens &&= status.readyAt === undefined && list.length > 0 && list.every((l) => l.command?.title === 'loading sample…');
    } finally {
      await client.stop();
    }
  }
  return { ms, diagnostics, loadingLens };
}

// ---------------------------------------------------------------- 2. loaded; 3. edits; 4. memory

interface LoadRun {
  firstDiagnosticsMs: number;
  readyMs: number;
  firstSizeMs: number;
  /** What the server logs for the load itself (worker thread). */
  workerLog?: string;
  memory: ProcMemory;
}

interface EditFigures {
  /** didChange, then codeLens at once → the lens with the new size. */
  pollMs: number[];
  /** didChange → workspace/codeLens/refresh → codeLens → the lens with the new size. */
  refreshMs: number[];
  /** didChange → publishDiagnostics of that version (the refresh series). */
  diagnosticsMs: number[];
  /** didChange → workspace/codeLens/refresh arrives. */
  refreshArrivesMs: number[];
  sizes: number[];
  memoryAfter: ProcMemory;
}

async function loadRun(root: string, uri: string, text: string, edit: boolean, bareEnvironment = false): Promise<{ run: LoadRun; edits?: EditFigures }> {
  const { client, t0, status } = await start(root, bareEnvironment);
  try {
    client.open(uri, text);
    await client.diagnosticsFor(uri, () => true, 30_000);
    const firstDiagnosticsMs = performance.now() - t0;
    const line = lineOf(text, `segment ${EDITED_SEGMENT} `);
    const size = await client.until('a size', async () => sizeOnLine(await lenses(client, uri), line), 600_000);
    const firstSizeMs = performance.now() - t0;
    const pid = client.child.pid!;
    const run: LoadRun = {
      firstDiagnosticsMs,
      readyMs: (status.readyAt ?? NaN) - t0,
      firstSizeMs,
      workerLog: client.logs.find((m) => m.startsWith('loaded ')),
      memory: procMemory(pid),
    };
    if (!edit) return { run };
    return { run, edits: await edits(client, uri, line, size, pid) };
  } finally {
    await client.stop();
  }
}

async function edits(client: TestClient, uri: string, line: number, firstSize: number, pid: number): Promise<EditFigures> {
  const out: EditFigures = { pollMs: [], refreshMs: [], diagnosticsMs: [], refreshArrivesMs: [], sizes: [firstSize], memoryAfter: procMemory(pid) };
  let age = FIRST_AGE;
  let previous = firstSize;
  // Replaces the number after `age >= ` (an incremental change of two characters, as typing would send).
  const changeAge = (): number => {
    const old = String(age);
    const at = positionOf(client.textOf(uri)!, `${EDITED_CONDITION}${old}`, { delta: -old.length });
    age--;
    return client.edit(uri, { start: at, end: { line: at.line, character: at.character + old.length } }, String(age));
  };
  const checkNewSize = (count: number | undefined): number => {
    // Lowering the bound can only add people; every age from 25 to 64 has some, so the size grows.
    if (count === undefined || count <= previous) throw new Error(`lens shows ${count} after \`age >= ${age}\`, before ${previous}`);
    previous = count;
    out.sizes.push(count);
    return count;
  };
  const settle = async (version: number): Promise<void> => {
    await client.until('diagnostics of the edit', () => (client.published.get(uri)?.version === version ? true : undefined));
    // The refresh follows the publish by one setImmediate; let it arrive before the next edit.
    await new Promise((r) => setTimeout(r, 30));
  };

  // One warm-up edit, not counted: the first edit JIT-compiles the edit path.
  {
    const version = changeAge();
    checkNewSize(sizeOnLine(await lenses(client, uri), line));
    await settle(version);
  }

  for (let i = 0; i < rounds - 1; i++) {
    const t = performance.now();
    const version = changeAge();
    const count = sizeOnLine(await lenses(client, uri), line);
    out.pollMs.push(performance.now() - t);
    checkNewSize(count);
    await settle(version);
  }

  for (let i = 0; i < rounds; i++) {
    const before = client.codeLensRefreshes;
    let publishedAt: number | undefined;
    const t = performance.now();
    const version = changeAge();
    await client.until('workspace/codeLens/refresh', () => {
      if (publishedAt === undefined && client.published.get(uri)?.version === version) publishedAt = performance.now();
      return client.codeLensRefreshes > before ? true : undefined;
    });
    const refreshAt = performance.now();
    const count = sizeOnLine(await lenses(client, uri), line);
    out.refreshMs.push(performance.now() - t);
    out.refreshArrivesMs.push(refreshAt - t);
    out.diagnosticsMs.push((publishedAt ?? refreshAt) - t);
    checkNewSize(count);
    await settle(version);
  }
  out.memoryAfter = procMemory(pid);
  return out;
}

// ---------------------------------------------------------------- report

const ms = (v: number): string => (v < 100 ? `${v.toFixed(1)} ms` : `${Math.round(v).toLocaleString('en-US')} ms`);
const mb = (v: number): string => `${Math.round(v)} MB`;
const verdict = (value: number, target: number): string => (value <= target ? 'PASS' : 'MISS');

async function main(): Promise<void> {
  const files = await sampleFiles(PROFILES);
  if (cpuProfDir) {
    // Inherited by the server processes only: this process has already started. NODE_OPTIONS
    // refuses --cpu-prof, so a preloaded script runs the profiler (main thread only).
    const preload = fileURLToPath(new URL('./cpu-profile-preload.cjs', import.meta.url));
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload)}`.trim();
    process.env.SEGMENTS_CPU_PROF_DIR = resolve(cpuProfDir);
    console.log(`server CPU profiles go to ${cpuProfDir}`);
  }
  const root = makeProject(files);
  const path = join(root, 'segments', OPENED);
  const text = readFileSync(path, 'utf8');
  const uri = fileUri(path);
  const loadStart = loadavg();
  console.log(
    `${PROFILES.toLocaleString('en-US')} profiles, ${files.eventCount.toLocaleString('en-US')} events; asOf ${SAMPLE_AS_OF}; ` +
      `${cpus().length} cores; opened ${OPENED} (${text.split('\n').length} lines) next to customers.segment`,
  );
  console.log(`load average at start: ${loadStart.map((x) => x.toFixed(2)).join(' ')}`);
  try {
    const first = await firstDiagnostics(root, uri, text);
    console.log(`  ${starts} starts: first diagnostics ${first.ms.map((x) => x.toFixed(0)).join(', ')} ms`);
    const runs: LoadRun[] = [];
    let editFigures: EditFigures | undefined;
    for (let i = 0; i < loads; i++) {
      const { run, edits: e } = await loadRun(root, uri, text, i === loads - 1);
      runs.push(run);
      if (e) editFigures = e;
      console.log(
        `  load run ${i + 1}: sample ready ${run.readyMs.toFixed(0)} ms, first size ${run.firstSizeMs.toFixed(0)} ms, ` +
          `RSS ${mb(run.memory.rssMb)} (peak ${mb(run.memory.peakMb)}); server log: ${run.workerLog ?? '—'}`,
      );
    }
    // The same load with none of the allocator variables the VS Code client sets: how a plain
    // `segments-language-server --stdio` runs unless the editor's config sets them too.
    const bareRuns: LoadRun[] = [];
    for (let i = 0; i < bareLoads; i++) {
      const { run } = await loadRun(root, uri, text, false, true);
      bareRuns.push(run);
      console.log(`  bare load run ${i + 1}: sample ready ${run.readyMs.toFixed(0)} ms, RSS ${mb(run.memory.rssMb)} (peak ${mb(run.memory.peakMb)})`);
    }
    const loadEnd = loadavg();
    const e = editFigures!;
    const fd = stats(first.ms);
    const ready = stats(runs.map((r) => r.readyMs));
    const size = stats(runs.map((r) => r.firstSizeMs));
    const poll = stats(e.pollMs);
    const refresh = stats(e.refreshMs);
    const publish = stats(e.diagnosticsMs);
    const refreshArrives = stats(e.refreshArrivesMs);
    const rss = stats(runs.map((r) => r.memory.rssMb));
    const peak = stats(runs.map((r) => r.memory.peakMb));
    const row = (what: string, s: Stats, target?: number, unit: 'ms' | 'MB' = 'ms'): string => {
      const f = unit === 'ms' ? ms : mb;
      return `| ${what} | ${f(s.median)} | ${f(s.p95)} | ${s.n} | ${target === undefined ? '' : `≤ ${f(target)}`} | ${target === undefined ? '' : verdict(s.p95, target)} |`;
    };
    console.log('');
    console.log('| measure | median | p95 | n | target | result (p95) |');
    console.log('|---|---:|---:|---:|---|---|');
    console.log(row('1. start → first diagnostics of the opened file, sample still loading', fd, 500));
    console.log(row('2a. start → sample loaded (`segments/sampleStatus` ready)', ready));
    console.log(row('2b. start → first CodeLens with a size', size));
    console.log(row('3a. edit one condition → CodeLens with the new size (codeLens asked at once)', poll, 50));
    console.log(row('3b. edit one condition → codeLens/refresh → CodeLens with the new size', refresh, 50));
    console.log(row('    of which: edit → publishDiagnostics', publish));
    console.log(row('    of which: edit → workspace/codeLens/refresh arrives', refreshArrives));
    console.log(row('4a. server RSS (VmRSS) with the sample loaded, worker included', rss, 300, 'MB'));
    console.log(row('4b. server peak RSS (VmHWM) up to then, while the worker loads (the target is for the loaded server, 4a)', peak, undefined, 'MB'));
    console.log(`| 4c. server RSS after the ${e.pollMs.length + e.refreshMs.length + 1} edits (peak) | ${mb(e.memoryAfter.rssMb)} (${mb(e.memoryAfter.peakMb)}) | | 1 | ≤ 300 MB | ${verdict(e.memoryAfter.rssMb, 300)} |`);
    if (bareRuns.length > 0) {
      console.log(row('4d. server RSS with the sample loaded, started without the allocator variables', stats(bareRuns.map((r) => r.memory.rssMb)), undefined, 'MB'));
      console.log(row('4e. server peak RSS, started without the allocator variables', stats(bareRuns.map((r) => r.memory.peakMb)), undefined, 'MB'));
    }
    console.log('');
    console.log(`first diagnostics: ${first.diagnostics} diagnostics; every CodeLens said "loading sample…" right after: ${first.loadingLens ? 'yes' : 'NO'}`);
    console.log(`${EDITED_SEGMENT} (\`${EDITED_CONDITION}N\` and a 3-step sequence, N from ${FIRST_AGE} down): sizes ${e.sizes.map((s) => s.toLocaleString('en-US')).join(', ')}`);
    console.log(`server threads once loaded: ${runs.map((r) => r.memory.threads).join(', ')} (the data worker ends after the load)`);
    console.log(`load average at end: ${loadEnd.map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
