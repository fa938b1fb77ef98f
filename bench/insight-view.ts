// The insight panel's page alone, in Debian's chromium (playwright-core): how
// long the page takes from receiving the data to its next frame, for the demo's abandoned_cart (the chart sizes do not depend on
// the sample's size: buckets and steps are the same for 5,000 or 1,000,000
// profiles). The data is the language server's answer (`segmentInsight` on
// the demo project's snapshot); the page is dist/insight-view.js and .css as
// the extension ships them, with a stand-in for acquireVsCodeApi.
//
//   npm run build && npx tsx bench/insight-view.ts [--runs 30] [--segment abandoned_cart]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { openSnapshots } from '../server/src/core/workspace/open-snapshots';
import { segmentInsight } from '../server/src/lsp/insight';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 30);
const segment = args.includes('--segment') ? args[args.indexOf('--segment') + 1] : 'abandoned_cart';

async function main(): Promise<void> {
  const demo = join(root, 'samples', 'nordic-shop');
  const [project] = openSnapshots([], demo);
  const file = project.snapshot.segment(segment)?.file;
  if (!file) throw new Error(`no segment ${segment} in the demo`);
  const result = segmentInsight(project.snapshot, file, { segment, memberLimit: 20 }, (p) => pathToFileURL(p).toString());
  if ('error' in result) throw new Error(result.error);

  const browser = await chromium.launch({ executablePath: process.env.SEGMENTS_E2E_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const load = loadavg();
  try {
    const page = await browser.newPage({ viewport: { width: 690, height: 820 } });
    const css = readFileSync(join(root, 'dist', 'insight-view.css'), 'utf8');
    const js = readFileSync(join(root, 'dist', 'insight-view.js'), 'utf8');
    await page.setContent(`<!DOCTYPE html><html><head><style>${css}</style></head><body class="vscode-dark"><main id="app"></main><script>window.sent = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.sent.push(m) });</script></body></html>`);
    await page.addScriptTag({ content: js });
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t = await page.evaluate(async ({ insight, generation }) => {
        // The page's window (no DOM types in this project's type check).
        const w = globalThis as unknown as { sent: { type: string; generation?: number; ms?: number }[]; postMessage(m: unknown, origin: string): void };
        w.sent.length = 0;
        w.postMessage({ type: 'insight', generation, insight, dialect: 'duckdb' }, '*');
        for (;;) {
          const done = w.sent.find((m) => m.type === 'rendered' && m.generation === generation);
          if (done) return done.ms ?? NaN;
          await new Promise((r) => setTimeout(r, 1));
        }
      }, { insight: result.insight, generation: i + 1 });
      if (i >= 3) times.push(t);
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`the insight page for ${segment} (${result.insight.comparisons.length} comparisons, ${result.insight.funnel?.rows.length ?? 0} funnel steps, ${result.insight.overlaps.length} overlaps, ${result.insight.members?.rows.length ?? 0} members); ${runs} runs after 3 warm-up; load average ${load.map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`data received → page laid out and its next frame: median ${median(times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms`);
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
