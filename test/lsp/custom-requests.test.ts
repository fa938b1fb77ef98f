// The messages beyond LSP that the VS Code client uses (server/src/lsp/protocol.ts):
// sample status, SQL of the segment at the cursor, reload, sample location.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { makeTinyProject, positionOf, removeProject, startServer, TINY_FILES, type TestClient, type TinyProject } from './support';

let project: TinyProject;
let client: TestClient;

before(async () => {
  project = makeTinyProject();
  client = await startServer({ root: project.root });
  client.open(project.uri('segments/a.segment'), project.text('segments/a.segment'));
});

after(async () => {
  await client.stop();
  removeProject(project.root);
});

test('segments/sampleStatus: loading, then ready with the profile count and asOf', async () => {
  const ready = await client.until('a ready status', () => client.sampleStatuses.find((s) => s.state === 'ready'));
  assert.deepEqual(ready, {
    project: project.uri('segments.config.json'),
    sample: project.uri('users.csv'),
    state: 'ready',
    profiles: 10,
    asOf: '2026-11-01',
  });
  const first = client.sampleStatuses[0];
  assert.equal(first.state, 'loading');
  assert.equal(first.percent, 0);
});

test('segments/sql: the query of the segment at the cursor, or a reason', async () => {
  const a = project.uri('segments/a.segment');
  const text = project.text('segments/a.segment');
  const result = await client.request<{ sql?: string; segment?: string; error?: string }>('segments/sql', {
    uri: a,
    position: positionOf(text, 'device = ', { atStart: true }),
    dialect: 'duckdb',
  });
  assert.equal(result.segment, 'oslo_mobile');
  assert.match(result.sql!, /SELECT/);
  assert.match(result.sql!, /'Oslo'/);
  assert.match(result.sql!, /'mobile'/);
  const outside = await client.request<{ error?: string }>('segments/sql', { uri: a, position: { line: 0, character: 2 }, dialect: 'duckdb' });
  assert.match(outside.error!, /inside a segment block/);
  const badDialect = await client.request<{ error?: string }>('segments/sql', { uri: a, position: positionOf(text, 'device', { atStart: true }), dialect: 'oracle' });
  assert.match(badDialect.error!, /Unknown SQL dialect "oracle"/);
  client.change(a, text.replace('city = "Oslo"', 'cty = "Oslo"'));
  const broken = await client.request<{ error?: string }>('segments/sql', { uri: a, position: positionOf(text, 'device', { atStart: true }), dialect: 'postgres' });
  assert.equal(broken.error, 'Segment `oslo_mobile` has 1 error: fix it to see its SQL.');
  const b = project.uri('segments/b.segment');
  client.open(b, project.text('segments/b.segment'));
  const dependent = await client.request<{ error?: string }>('segments/sql', { uri: b, position: { line: 1, character: 5 }, dialect: 'postgres' });
  assert.match(dependent.error!, /uses `oslo_mobile`, which has errors/);
  client.change(a, text);
});

test('segments/sampleLocation: the sample of the document\'s project', async () => {
  assert.equal(await client.request('segments/sampleLocation', { uri: project.uri('segments/a.segment') }), project.uri('users.csv'));
  assert.equal(await client.request('segments/sampleLocation', { uri: 'untitled:nothing' }), null);
});

test('segments/reloadSample reads the sample again from disk (no file event needed)', async () => {
  const a = project.uri('segments/a.segment');
  writeFileSync(project.path('users.csv'), TINY_FILES['users.csv'].replace(/,(Bergen|Stavanger|Trondheim),/g, ',Oslo,'));
  const statusesBefore = client.sampleStatuses.length;
  assert.equal(await client.request('segments/reloadSample', { uri: a }), null);
  await client.until('the new size', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: a } });
    return lenses.some((l) => l.command?.title.startsWith('6 of 10 (60.0%) · ') === true) ? true : undefined;
  });
  assert.ok(client.sampleStatuses.slice(statusesBefore).some((s) => s.state === 'loading'));
  writeFileSync(project.path('users.csv'), TINY_FILES['users.csv']);
  await client.request('segments/reloadSample', {});
});

test('a sample that is gone is an error status pointing at the config', async () => {
  rmSync(project.path('users.csv'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: project.uri('users.csv'), type: 3 }] });
  const error = await client.until('an error status', () => client.sampleStatuses.find((s) => s.state === 'error'));
  assert.equal(error.file, project.uri('segments.config.json'));
  assert.match(String(error.message), /sample/);
  writeFileSync(project.path('users.csv'), TINY_FILES['users.csv']);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: project.uri('users.csv'), type: 1 }] });
  const statuses = client.sampleStatuses.length;
  await client.until('ready again', () => client.sampleStatuses.slice(statuses - 1).find((s) => s.state === 'ready'));
});
