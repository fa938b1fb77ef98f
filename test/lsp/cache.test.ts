// The language server and the sample cache: the first start parses the sample
// and keeps it in the project's .segments-cache/, the next start reads it back
// and shows the same sizes; `segments.sample.cache: false` leaves the project alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { makeTinyProject, removeProject, startServer, type TinyProject } from './support';

async function sizesAndLoadLog(project: TinyProject, settings: Record<string, unknown> = {}): Promise<{ titles: string[]; log: string }> {
  const client = await startServer({ root: project.root, settings: { debounceMs: 20, ...settings }, settingsAtInitialize: true });
  try {
    const uri = project.uri('segments/a.segment');
    client.open(uri, project.text('segments/a.segment'));
    const titles = await client.until('sizes', async () => {
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      const shown = lenses.map((l) => l.command?.title ?? '');
      return shown.some((t) => / of /.test(t)) ? shown : undefined;
    });
    const log = await client.until('the load log', () => client.logs.find((l) => l.startsWith('loaded ')));
    return { titles, log };
  } finally {
    await client.stop();
  }
}

test('a second start reads the sample from the cache the first one wrote, and shows the same sizes', async () => {
  const project = makeTinyProject();
  try {
    const first = await sizesAndLoadLog(project);
    assert.match(first.log, /worker thread, parsed \(cache absent\) and cached\)$/);
    assert.equal(readdirSync(join(project.root, '.segments-cache')).filter((f) => f.endsWith('.sample-cache')).length, 1);
    const second = await sizesAndLoadLog(project);
    assert.match(second.log, /^loaded users\.csv: 10 profiles, 5 events in \d+ ms \(worker thread, read from the cache\)$/);
    assert.deepEqual(second.titles, first.titles);
  } finally {
    removeProject(project.root);
  }
});

test('segments.sample.cache: false parses the sample and writes nothing into the project', async () => {
  const project = makeTinyProject();
  try {
    const { log } = await sizesAndLoadLog(project, { sample: { cache: false } });
    assert.match(log, /\(worker thread\)$/);
    assert.equal(existsSync(join(project.root, '.segments-cache')), false);
  } finally {
    removeProject(project.root);
  }
});
