// The live preview: sizes above each segment (CodeLens), per-condition counts
// (inlay hints), no number for a segment with errors, and new sizes after the
// sample is replaced on disk. Counts are checked against the 10 hand-written
// profiles of the tiny project.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { estimateSize } from '../../server/src/core/evaluate/estimate';
import { formatEstimate } from '../../server/src/core/text/numbers';
import { makeTinyProject, positionOf, removeProject, startServer, TINY_FILES, type TestClient, type TinyProject } from './support';

let project: TinyProject;
let client: TestClient;

before(async () => {
  project = makeTinyProject();
  client = await startServer({ root: project.root });
});

after(async () => {
  await client.stop();
  removeProject(project.root);
});

function lenses(uri: string): Promise<CodeLens[]> {
  return client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
}

function hints(uri: string): Promise<InlayHint[]> {
  return client.request<InlayHint[]>('textDocument/inlayHint', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } },
  });
}

/** Lens titles on the line of `segment ID` up to the estimate (` · ≈ …`), once they satisfy `accept`. */
async function lensTitles(uri: string, line: number, accept: (titles: string[]) => boolean): Promise<string[]> {
  return client.until(`code lenses on line ${line}`, async () => {
    const titles = (await lenses(uri)).filter((l) => l.range.start.line === line).map((l) => (l.command?.title ?? '').split(' · ≈')[0]);
    return accept(titles) ? titles : undefined;
  });
}

test('each segment shows its size in the sample, its share and the estimate in the population, in one lens', async () => {
  const uri = project.uri('segments/a.segment');
  client.open(uri, project.text('segments/a.segment'));
  await lensTitles(uri, 3, (t) => t.some((x) => / of /.test(x)));
  const titles = (await lenses(uri)).filter((l) => l.range.start.line === 3).map((l) => l.command?.title);
  const e = estimateSize(3, 10, 1_000_000)!;
  assert.deepEqual(titles, [`3 of 10 (30.0%) · ${formatEstimate(e.estimate, e.low, e.high)} of 1M`]);
  const older = await lensTitles(uri, 14, (t) => t.length > 0);
  assert.equal(older[0], '5 of 10 (50.0%)');
});

test('a client that runs the commands gets the size as a button opening the insight panel, with a tooltip, and an "SQL" lens', async () => {
  const other = await startServer({ root: project.root, initializationOptions: { commands: ['segments.showInsight', 'segments.showSql'] } });
  try {
    const uri = project.uri('segments/a.segment');
    other.open(uri, project.text('segments/a.segment'));
    const list = await other.until('lenses with commands', async () => {
      const l = await other.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      return l.some((x) => / of 10/.test(x.command?.title ?? '')) ? l : undefined;
    });
    const onOsloMobile = list.filter((l) => l.range.start.line === 3);
    assert.deepEqual(onOsloMobile.map((l) => l.command?.command), ['segments.showInsight', 'segments.showSql']);
    assert.equal(onOsloMobile[1].command?.title, 'SQL');
    const args = onOsloMobile[0].command?.arguments?.[0] as { uri: string; segment: string; position: unknown; tooltip: string };
    assert.deepEqual([args.uri, args.segment, args.position], [uri, 'oslo_mobile', { line: 3, character: 0 }]);
    assert.match(args.tooltip, /^3 profiles of the 10 in the sample \(30\.0%\) match\. In the real audience that is ≈ /);
  } finally {
    await other.stop();
  }
});

test('inlay hints show how many remain after each top-level condition of include', async () => {
  const uri = project.uri('segments/a.segment');
  const text = project.text('segments/a.segment');
  const list = await hints(uri);
  const labels = list.map((h) => ({ at: h.position, label: h.label }));
  assert.deepEqual(labels, [
    { at: positionOf(text, 'city = "Oslo"'), label: ' → 5 · 50.0%' },
    { at: positionOf(text, 'device = "mobile"'), label: ' → 3 · 30.0%' },
  ]);
  assert.match(String(list[1].tooltip), /3 of 10 profiles \(30\.0%\) remain/);
});

test('a live edit changes the lens and the inlay hint, and the server asks the client to refresh them', async () => {
  const uri = project.uri('segments/a.segment');
  const text = project.text('segments/a.segment');
  const lensRefreshes = client.codeLensRefreshes;
  const hintRefreshes = client.inlayHintRefreshes;
  client.edit(uri, { start: positionOf(text, '"mobile"', { atStart: true }), end: positionOf(text, '"mobile"') }, '"desktop"');
  await client.until('a codeLens refresh', () => (client.codeLensRefreshes > lensRefreshes && client.inlayHintRefreshes > hintRefreshes ? true : undefined));
  const titles = await lensTitles(uri, 3, (t) => t.length > 0);
  assert.equal(titles[0], '2 of 10 (20.0%)');
  const list = await hints(uri);
  assert.deepEqual(list.map((h) => h.label), [' → 5 · 50.0%', ' → 2 · 20.0%']);
  client.change(uri, text);
  await lensTitles(uri, 3, (t) => t[0] === '3 of 10 (30.0%)');
});

test('a segment with errors says how many to fix instead of showing a number; a segment using it says so too', async () => {
  const a = project.uri('segments/a.segment');
  const b = project.uri('segments/b.segment');
  const text = project.text('segments/a.segment');
  client.open(b, project.text('segments/b.segment'));
  await lensTitles(b, 0, (t) => t[0] === '2 of 10 (20.0%)');
  client.change(a, text.replace('city = "Oslo"', 'cty = "Oslo"').replace('device = "mobile"', 'device = "phone"'));
  const titles = await lensTitles(a, 3, (t) => t[0]?.startsWith('fix') === true);
  assert.deepEqual(titles, ['fix 2 errors to see its size']);
  assert.equal((await lensTitles(a, 14, (t) => t.length > 0))[0], '5 of 10 (50.0%)', 'the other segment of the file keeps its size');
  const dependent = await lensTitles(b, 0, (t) => t[0]?.startsWith('fix') === true);
  assert.deepEqual(dependent, ['fix the errors in `oslo_mobile` to see its size']);
  const list = await hints(a);
  assert.equal(list.length, 0, 'no per-condition counts for a segment whose every condition is broken');
  // One condition broken: the size without it ("at most"), and the intact condition keeps its hint.
  client.change(a, text.replace('city = "Oslo"', 'cty = "Oslo"'));
  const partial = '≤ 6 of 10 (60.0%) · without line 11 (with errors)';
  assert.deepEqual(await lensTitles(a, 3, (t) => t[0] === partial), [partial]);
  assert.deepEqual((await hints(a)).map((h) => h.label), [' → 6 · 60.0%']);
  assert.deepEqual(await lensTitles(b, 0, (t) => t[0]?.startsWith('fix') === true), ['fix the errors in `oslo_mobile` to see its size']);
  client.change(a, text);
  await lensTitles(a, 3, (t) => t[0] === '3 of 10 (30.0%)');
  await lensTitles(b, 0, (t) => t[0] === '2 of 10 (20.0%)');
});

test('replacing the sample on disk and telling the server gives new sizes without a restart', async () => {
  const uri = project.uri('segments/a.segment');
  const users = TINY_FILES['users.csv'];
  // Everyone moves to Oslo: Oslo and mobile is now every mobile user (u1 u3 u5 u6 u8 u9).
  writeFileSync(project.path('users.csv'), users.replace(/,(Bergen|Stavanger|Trondheim),/g, ',Oslo,'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: project.uri('users.csv'), type: 2 }] });
  const titles = await lensTitles(uri, 3, (t) => t[0] === '6 of 10 (60.0%)');
  assert.equal(titles[0], '6 of 10 (60.0%)');
  assert.ok(client.progressKinds.includes('begin') && client.progressKinds.includes('end'), 'loading reports work-done progress');
  writeFileSync(project.path('users.csv'), users);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: project.uri('users.csv'), type: 2 }] });
  await lensTitles(uri, 3, (t) => t[0] === '3 of 10 (30.0%)');
});

test('segments.sample.rowLimit reloads the sample with that many profiles', async () => {
  const uri = project.uri('segments/a.segment');
  client.settings = { debounceMs: 20, sample: { rowLimit: 4 } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  // The first four profiles: u1 (Oslo, mobile) is the only one in oslo_mobile.
  await lensTitles(uri, 3, (t) => t[0] === '1 of 4 (25.0%)');
  client.settings = { debounceMs: 20 };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await lensTitles(uri, 3, (t) => t[0] === '3 of 10 (30.0%)');
});

test('a sample over segments.sample.memoryLimitMB: the preview, the status and the diagnostics say why it could not be read (issue 12)', async () => {
  const uri = project.uri('segments/a.segment');
  const rows = ['user_id,age,city,device,vip,interests,last_seen_at,old_score'];
  for (let i = 0; i < 60_000; i++) rows.push(`x${i},${i % 90},City ${i},mobile,true,sport,2026-10-30,${i}`);
  writeFileSync(project.path('users.csv'), `${rows.join('\n')}\n`);
  const statuses = client.sampleStatuses.length;
  client.settings = { debounceMs: 20, sample: { memoryLimitMB: 1 } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  const [title] = await lensTitles(uri, 3, (t) => t[0]?.startsWith('sample could not be read') === true);
  assert.match(title, /^sample could not be read: Reading the profile sample `users\.csv` took more than its memory limit of 1 MB by line [\d,]+ \(\d+ columns\), so it .*…$/);
  const status = await client.until('an error status', () => client.sampleStatuses.slice(statuses).find((s) => s.state === 'error'));
  assert.equal(status.file, project.uri('users.csv'));
  assert.match(String(status.message), /memory limit of 1 MB/);
  const config = await client.diagnosticsFor(project.uri('users.csv'), (d) => d.length > 0);
  assert.deepEqual(config.map((d) => d.code), ['sample-too-large']);
  writeFileSync(project.path('users.csv'), TINY_FILES['users.csv']);
  client.settings = { debounceMs: 20 };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await lensTitles(uri, 3, (t) => t[0] === '3 of 10 (30.0%)');
});

test('with preview.enabled off there are no lenses and no hints', async () => {
  const uri = project.uri('segments/a.segment');
  client.settings = { debounceMs: 20, preview: { enabled: false } };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await client.until('lenses to go', async () => ((await lenses(uri)).length === 0 ? true : undefined));
  assert.deepEqual(await hints(uri), []);
  client.settings = { debounceMs: 20 };
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  await lensTitles(uri, 3, (t) => t.length > 0);
});

test('a file with no segments.config.json above it gets syntax and structure checks, and no sizes', async () => {
  const uri = `untitled:loose-${Date.now()}`;
  client.open(uri, 'segment x {\n  include whatever = 1\n}\nsegment x {\n  include segment nope\n}\n');
  const d = await client.diagnosticsFor(uri, (list) => list.length > 0);
  assert.deepEqual(d.map((x) => x.code).sort(), ['duplicate-segment', 'unknown-segment'], 'names of data are not checked without a catalog');
  assert.deepEqual(await lenses(uri), []);
});

test('the sample was loaded by the worker thread, not in the server as a fallback', () => {
  const loads = client.logs.filter((l) => l.startsWith('loaded '));
  assert.ok(loads.length >= 1);
  assert.match(loads[0], /^loaded users\.csv: 10 profiles, 5 events in \d+ ms \(worker thread, parsed \(cache absent\) and cached\)$/);
  assert.deepEqual(client.logs.filter((l) => /failed|crashed/.test(l)), []);
});

test('a segment that matches nobody says so in its lens and gets the matches-nobody warning in the editor', async () => {
  const uri = project.uri('segments/nobody.segment');
  client.open(uri, 'segment nobody_here {\n  include age > 200\n}\n');
  const titles = await lensTitles(uri, 0, (t) => t.length > 0 && !t[0].startsWith('loading'));
  assert.deepEqual(titles, ['0 of 10 · matches nobody']);
  const diagnostics = await client.diagnosticsFor(uri, (list) => list.some((d) => d.code === 'matches-nobody'));
  const warning = diagnostics.find((d) => d.code === 'matches-nobody')!;
  assert.equal(warning.severity, 2);
  assert.equal(warning.range.start.line, 0);
  assert.match(warning.message, /matches nobody in the sample \(0 of 10 profiles\)/);
});
