// Language-server latency, measured from the client side of a real stdio
// connection to the built server (`npm run build` first), on a copy of the demo
// project (5,000 profiles, 30,000 events):
//   - start → first diagnostics of an opened file (process start included)
//   - start → first CodeLens with a size (the sample loaded in the worker)
//   - didChange → publishDiagnostics for a 50-line file (debounce set to 0)
//   - completion request → response, attributes after `and` and values after `=`
// Run: node --import tsx bench/lsp.ts [rounds]
// With --large: the same server on the 1,000,000-profile benchmark sample
// (bench/lsp-large.ts, which takes the options).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLens, CompletionList } from 'vscode-languageserver-protocol';
import { copySampleProject, fileUri, positionOf, removeProject, startServer } from '../test/lsp/support';

if (process.argv.includes('--large')) {
  await import('./lsp-large');
} else {
  await demoProject(Number(process.argv[2] ?? 40));
}

function summary(label: string, ms: number[]): void {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(`${label.padEnd(44)} median ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms   (n=${ms.length})`);
}

/** 50 lines: six segments in the style of the demo project. */
function fiftyLineFile(): string {
  const blocks: string[] = [];
  for (let i = 0; i < 6; i++) {
    blocks.push(`segment bench_${i} {
  title "Bench ${i}"
  include
    age >= ${20 + i}
    and city in ("Oslo", "Bergen", "Stockholm")
    and did purchase within last ${30 + i} days
}
`);
  }
  const text = blocks.join('\n');
  const lines = text.split('\n').length;
  return text + '\n'.repeat(Math.max(0, 50 - lines));
}

async function demoProject(rounds: number): Promise<void> {
  const root = copySampleProject();
  const path = join(root, 'segments', 'bench.segment');
  const text = fiftyLineFile();
  writeFileSync(path, text);
  const uri = fileUri(path);

  const started = performance.now();
  const client = await startServer({ root, settings: { debounceMs: 0 } });
  try {
    client.open(uri, text);
    await client.diagnosticsFor(uri, () => true);
    const firstDiagnostics = performance.now() - started;
    await client.until('a size', async () => {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      return lenses.some((l) => / of /.test(l.command?.title ?? '')) ? true : undefined;
    }, 60_000);
    const firstSize = performance.now() - started;
    console.log(`start → first diagnostics                     ${firstDiagnostics.toFixed(0)} ms`);
    console.log(`start → first size (sample loaded)            ${firstSize.toFixed(0)} ms`);

    // Alternate between an error and no error so every edit changes what is published.
    const edits: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const broken = i % 2 === 0;
      const next = broken ? text.replace('age >= 20', 'agee >= 20') : text;
      const t = performance.now();
      const version = client.change(uri, next);
      await client.until('diagnostics', () => {
        const p = client.published.get(uri);
        return p?.version === version && p.diagnostics.length === (broken ? 1 : 0) ? true : undefined;
      });
      edits.push(performance.now() - t);
    }
    summary('didChange → publishDiagnostics (50 lines)', edits);

    const lensTimes: number[] = [];
    for (let i = 0; i < rounds; i++) {
      client.change(uri, text.replace('age >= 20', `age >= ${20 + (i % 7)}`));
      const t = performance.now();
      await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      lensTimes.push(performance.now() - t);
    }
    summary('codeLens after an edit (sizes recomputed)', lensTimes);

    client.change(uri, text);
    const attributes: number[] = [];
    const values: number[] = [];
    const afterAnd = positionOf(text, 'and ', { occurrence: 0 });
    const afterIn = positionOf(text, 'city in (', { occurrence: 0 });
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      const a = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: afterAnd });
      attributes.push(performance.now() - t);
      if (a.items.length === 0) throw new Error('no attribute completions');
      t = performance.now();
      const v = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: afterIn });
      values.push(performance.now() - t);
      if (v.items.length === 0) throw new Error('no value completions');
    }
    summary('completion: attributes after `and`', attributes);
    summary('completion: values after `in (`', values);
  } finally {
    await client.stop();
    removeProject(root);
  }
}
