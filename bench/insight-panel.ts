// How fast the insight panel shows and follows a segment on the demo's largest
// sample (scripts/sample-generator.ts at 1,000,000 profiles and ~6M events,
// the data of bench/engine.ts): a real VS Code (code-server + Debian's
// chromium, as the editor suite runs it) with the demo's segments and schema
// over that sample. Prints, for opening the panel, refreshing it and editing
// the segment: request → answer (the language server), answer → on screen
// (the message to the page and its drawing, up to the frame that shows it, on
// the wall clock both processes share), and request → on screen, with the
// machine's load average.
//
//   npm run build && npx tsx bench/insight-panel.ts [--profiles 1000000]
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { ensureCache } from '../scripts/e2e/cache.mjs';
import { runInBrowser } from '../test/e2e/driver/browser-run';
import { startCodeServer } from '../test/e2e/driver/code-server';
import { sampleFiles } from './sample-files';
import type { PanelTiming } from '../client/src/insight-panel';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const profiles = Number(args.includes('--profiles') ? args[args.indexOf('--profiles') + 1] : 1_000_000);
const MARKER = 'SEGMENTS_BENCH';

interface Figures {
  profiles: number;
  open: PanelTiming[];
  refresh: PanelTiming[];
  edit: (PanelTiming & { edited: number })[];
}

async function main(): Promise<void> {
  const load = loadavg();
  const files = await sampleFiles(profiles);
  const out = join(root, 'out', 'bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
  const runner = join(out, 'insight-panel.js');
  await build({ entryPoints: [join(root, 'bench', 'insight-panel', 'in-editor.ts')], outfile: runner, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'warning' });

  const scratch = mkdtempSync(join(tmpdir(), 'segments-bench-panel-'));
  const workspace = join(scratch, 'workspace', 'nordic-shop-large');
  const demo = join(root, 'samples', 'nordic-shop');
  mkdirSync(workspace, { recursive: true });
  cpSync(join(demo, 'segments'), join(workspace, 'segments'), { recursive: true });
  cpSync(join(demo, 'schema.json'), join(workspace, 'schema.json'));
  const config = JSON.parse(readFileSync(join(demo, 'segments.config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(workspace, 'segments.config.json'), JSON.stringify({ ...config, sample: files.profiles, events: files.events }, null, 2));
  const extensionsDir = join(scratch, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });

  const tools = ensureCache();
  const server = await startCodeServer({ node24: tools.node24, entry: tools.codeServerEntry, scratch, workspace, extensionsDir });
  let figures: Figures | undefined;
  try {
    const run = await runInBrowser({
      chromium: tools.chromium,
      origin: server.origin,
      workspace,
      extensionDevelopmentPath: root,
      extensionTestsPath: runner,
      artifacts: join(root, '.test-artifacts'),
      name: 'bench-insight-panel',
      timeoutMs: 30 * 60_000,
      onLine: (line) => {
        const at = line.indexOf(MARKER);
        if (at >= 0) figures = JSON.parse(line.slice(at + MARKER.length)) as Figures;
      },
    });
    if (!figures) throw new Error(`no figures (VS Code exit ${run.exitCode}${run.timedOut ? ', timed out' : ''}); see .test-artifacts/bench-insight-panel-console.log`);
  } finally {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }

  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ms = (x: number): string => `${Math.round(x)} ms`;
  const line = (what: string, ts: PanelTiming[], target: number, from: (t: PanelTiming) => number = (t) => t.requested): string => {
    const server = median(ts.map((t) => t.answered! - t.requested));
    const page = median(ts.map((t) => t.painted! - t.answered!));
    const drawing = median(ts.map((t) => t.viewMs!));
    const total = median(ts.map((t) => t.painted! - from(t)));
    const worst = Math.max(...ts.map((t) => t.painted! - from(t)));
    return `| ${what} | ${ms(server)} | ${ms(page)} | ${ms(drawing)} | ${ms(total)} | ${ms(worst)} | ≤ ${target} ms | ${total <= target ? 'PASS' : 'MISS'} |`;
  };
  console.log(`insight panel on ${figures.profiles.toLocaleString('en-US')} profiles (${files.eventCount.toLocaleString('en-US')} events); load average at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('');
  console.log('| medians of 5 | server (request → answer) | page (answer → on screen) | of which drawing | request → on screen | worst | target | |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  console.log(line('open the panel (new page)', figures.open, 300));
  console.log(line('refresh (same page)', figures.refresh, 300));
  console.log(line('after an edit: request → on screen', figures.edit, 100));
  const settle = median(figures.edit.map((t) => t.requested - t.edited));
  console.log(`| after an edit: edit → on screen (the panel first waits ${ms(settle)} for the edit to settle) | | | | ${ms(median(figures.edit.map((t) => t.painted! - t.edited)))} | ${ms(Math.max(...figures.edit.map((t) => t.painted! - t.edited)))} | | |`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
