// Benchmark (not a test): parse + check of a 50-line and a 10,000-line
// `.segment` file against the demo catalog (samples/nordic-shop), JIT-warm:
// the same input analysed many times, median and p95 per phase. Also the
// incremental case: one segment of the 10,000-line file edited, the unchanged
// blocks reused from the parser's block cache.
//
//   npx tsx bench/parse-check.ts [--runs 200]
//
// Measured on an esbuild bundle of this file, as the extension ships the code:
// tsx wraps every arrow function in a `__name` call and routes cross-module calls
// through export getters, which distorts timings badly.
import { bundleSelf, REPO_ROOT } from './bundle-self';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

interface Stats {
  median: number;
  p95: number;
  min: number;
}

interface Row {
  what: string;
  lines: number;
  tokens: number;
  lex: Stats;
  parse: Stats;
  check: Stats;
  total: Stats;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function stats(samples: number[]): Stats {
  const sorted = samples.slice().sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: sorted[0] };
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed; returns the times in ms. */
function time(fn: (i: number) => unknown, warmup: number, runs: number): number[] {
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink = fn(warmup + i);
    samples.push(performance.now() - t0);
  }
  void sink;
  return samples;
}

async function child(repo: string, runs: number): Promise<void> {
  const { resolveProject } = await import('../server/src/core/project/resolve-project');
  const { loadProjectData } = await import('../server/src/core/workspace/project-data');
  const { analyzeProject } = await import('../server/src/core/workspace/analyze');
  const { parseSegments } = await import('../server/src/core/syntax/parser');
  const { BlockCache } = await import('../server/src/core/syntax/block-cache');
  const { lexSegments } = await import('../server/src/core/syntax/lexer');
  const { segmentLexer } = await import('../server/src/core/syntax/tokens');
  const { checkProject } = await import('../server/src/core/check/check-project');
  const { generateSegmentFile } = await import('./segment-file-generator');

  const projectDir = join(repo, 'samples', 'nordic-shop');
  const { config } = resolveProject(projectDir);
  const data = loadProjectData(config);
  if (!data.catalog) throw new Error('the demo project has no catalog');
  const catalog = data.catalog;
  const file = join(projectDir, 'segments', 'bench.segment');

  const rows: Row[] = [];
  const extra: string[] = [];
  for (const [lines, warmup, n] of [
    [50, 2000, runs * 10],
    [10_000, 30, runs],
  ] as const) {
    const generated = generateSegmentFile(lines, 7);
    const text = generated.text;
    const tokens = lexSegments(text).tokens.length;
    const parsed = parseSegments(text, file);
    const errors = [...parsed.diagnostics, ...checkProject({ files: [{ path: file, ast: parsed.ast }], catalog })].filter(
      (d) => d.severity === 'error',
    );
    if (errors.length > 0) throw new Error(`generated file has errors: ${errors[0].code} ${errors[0].message}`);

    const lex = time(() => lexSegments(text), warmup, n);
    const chevrotainLex = time(() => segmentLexer.tokenize(text), warmup, n);
    const parse = time(() => parseSegments(text, file), warmup, n);
    const check = time(() => checkProject({ files: [{ path: file, ast: parsed.ast }], catalog }), warmup, n);
    const total = time(() => analyzeProject([{ path: file, text }], data), warmup, n);
    rows.push({
      what: `${lines.toLocaleString('en-US')} lines`,
      lines: generated.lines,
      tokens,
      lex: stats(lex),
      parse: stats(parse),
      check: stats(check),
      total: stats(total),
    });
    extra.push(`${lines.toLocaleString('en-US')} lines: chevrotain reference lexer ${fmt(stats(chevrotainLex))} ms (median / p95 / min)`);

    if (lines === 10_000) {
      // Typing in a segment in the middle of the file: each run's text has one
      // more (or, when the count wraps, fewer) digit in a condition than the
      // previous run's, so the edited block is parsed again and every block after
      // it has moved. Re-analysis = lex the file, parse the edited block, reuse
      // (move) the others from the block cache, check the whole project.
      const cache = new BlockCache();
      parseSegments(text, file, cache);
      const middle = generated.segmentIds[Math.floor(generated.segmentIds.length / 2)];
      const at = text.indexOf(`segment ${middle} {`);
      const includeAt = text.indexOf('include', at);
      // Built (and flattened, as an editor's document text is) before timing.
      const versions = Array.from({ length: 40 }, (_, k) =>
        Buffer.from(`${text.slice(0, includeAt)}include purchase_count >= 1${'0'.repeat(k)} and ${text.slice(includeAt + 'include'.length)}`).toString(),
      );
      const edited = (i: number): string => versions[i % versions.length];
      const incremental = time(
        (i) => {
          const p = parseSegments(edited(i), file, cache);
          return checkProject({ files: [{ path: file, ast: p.ast }], catalog });
        },
        warmup,
        n,
      );
      const reusedParse = time((i) => parseSegments(edited(i), file, cache), warmup, n);
      extra.push(
        `10,000 lines, one segment edited, unchanged blocks reused: parse ${fmt(stats(reusedParse))} ms, ` +
          `parse + check ${fmt(stats(incremental))} ms (median / p95 / min)`,
      );
    }
  }

  const header = ['file', 'lines', 'tokens', 'lex ms', 'parse ms', 'check ms', 'total ms median', 'total ms p95', 'total ms min'];
  const table = rows.map((r) => [
    r.what,
    String(r.lines),
    r.tokens.toLocaleString('en-US'),
    r.lex.median.toFixed(3),
    r.parse.median.toFixed(3),
    r.check.median.toFixed(3),
    r.total.median.toFixed(3),
    r.total.p95.toFixed(3),
    r.total.min.toFixed(3),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of table) console.log(line(r));
  console.log('');
  console.log('lex, parse and check are medians; parse includes lexing; total is analyzeProject (parse + check + sorting).');
  const [load] = loadavg();
  console.log(`node ${process.version}, ${cpus().length} CPUs, load average ${load.toFixed(1)} (medians grow with load; min is the unloaded floor)`);
  for (const e of extra) console.log(e);
}

function fmt(s: Stats): string {
  return `${s.median.toFixed(3)} / ${s.p95.toFixed(3)} / ${s.min.toFixed(3)}`;
}

async function main(): Promise<void> {
  const runs = option('runs', 200);
  if (process.argv.includes('--child')) {
    // The bundle lives under node_modules/.cache, so the repository root is passed in.
    await child(process.argv[process.argv.indexOf('--repo') + 1], runs);
    return;
  }
  const repo = REPO_ROOT;
  const bundle = bundleSelf(import.meta.url, 'parse-check');
  const out = spawnSync(process.execPath, [bundle, '--child', '--runs', String(runs), '--repo', repo], { stdio: 'inherit' });
  process.exit(out.status ?? 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
