// Diagnostics as an editor sees them: on open, after live edits (the edited
// file and another file whose reference breaks), and on the project's JSON files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { makeTinyProject, removeProject, startServer, type TestClient, type TinyProject } from './support';

let project: TinyProject;
let client: TestClient;

before(async () => {
  project = makeTinyProject({
    'segments/c.segment': `segment broken {
  include agee >= 30 and city = "oslo"
}
`,
  });
  client = await startServer({ root: project.root });
});

after(async () => {
  await client.stop();
  removeProject(project.root);
});

test('opening a file publishes its syntax, name and value problems with positions and codes', async () => {
  const uri = project.uri('segments/c.segment');
  client.open(uri, project.text('segments/c.segment'));
  const diagnostics = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'unknown-attribute') && d.some((x) => x.code === 'value-never-seen'));
  const unknown = diagnostics.find((d) => d.code === 'unknown-attribute')!;
  assert.equal(unknown.severity, 1);
  assert.equal(unknown.source, 'segments');
  assert.match(unknown.message, /unknown attribute `agee`; did you mean `age`\?/);
  assert.deepEqual(unknown.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 14 } });
  const neverSeen = diagnostics.find((d) => d.code === 'value-never-seen')!;
  assert.equal(neverSeen.severity, 2);
  assert.match(neverSeen.message, /Oslo/);
});

test('a syntax error is reported while typing, and disappears when fixed', async () => {
  const uri = project.uri('segments/c.segment');
  const version = client.change(uri, 'segment broken {\n  include age >= \n}\n');
  const withError = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'syntax-error' || /expected/.test(x.message)));
  assert.ok(withError.length >= 1);
  assert.equal(client.published.get(uri)?.version, version, 'published for the version that was analysed');
  client.change(uri, 'segment broken {\n  include age >= 30\n}\n');
  await client.diagnosticsFor(uri, (d) => d.length === 0);
});

test('renaming a segment id in one file breaks the reference in another file, and renaming back mends it', async () => {
  const a = project.uri('segments/a.segment');
  const b = project.uri('segments/b.segment');
  client.open(a, project.text('segments/a.segment'));
  client.open(b, project.text('segments/b.segment'));
  await client.diagnosticsFor(b, (d) => d.length === 0);

  client.change(a, project.text('segments/a.segment').replace('segment oslo_mobile {', 'segment oslo_phone {'));
  const broken = await client.diagnosticsFor(b, (d) => d.some((x) => x.code === 'unknown-segment'));
  const d = broken.find((x) => x.code === 'unknown-segment')!;
  assert.match(d.message, /`oslo_mobile`/);
  assert.deepEqual(d.range.start, { line: 1, character: 18 });
  assert.deepEqual(client.published.get(a)?.diagnostics, [], 'the edited file itself is fine');

  client.change(a, project.text('segments/a.segment'));
  await client.diagnosticsFor(b, (x) => x.length === 0);
});

test('a duplicate id across files points at the first definition in the other file', async () => {
  const a = project.uri('segments/a.segment');
  const b = project.uri('segments/b.segment');
  client.change(b, project.text('segments/b.segment') + '\nsegment older {\n  include age > 50\n}\n');
  const d = await client.diagnosticsFor(b, (x) => x.some((y) => y.code === 'duplicate-segment'));
  const duplicate = d.find((x) => x.code === 'duplicate-segment')!;
  assert.equal(duplicate.range.start.line, 4);
  assert.equal(duplicate.relatedInformation?.[0].location.uri, a);
  assert.equal(duplicate.relatedInformation?.[0].location.range.start.line, 14);
  client.change(b, project.text('segments/b.segment'));
  await client.diagnosticsFor(b, (x) => x.length === 0);
});

test('only the newest of quick successive edits is published', async () => {
  const uri = project.uri('segments/c.segment');
  const before = client.publishCount.get(uri) ?? 0;
  let version = 0;
  for (let i = 0; i < 8; i++) version = client.change(uri, `segment broken {\n  include age >= ${i}${i % 2 === 0 ? ' and agee > 1' : ''}\n}\n`);
  // The last edit (i = 7) has no error.
  await client.diagnosticsFor(uri, (d) => d.length === 0 && client.published.get(uri)?.version === version);
  await new Promise((r) => setTimeout(r, 150));
  const published = (client.publishCount.get(uri) ?? 0) - before;
  assert.ok(published <= 2, `debounced: ${published} publishes for 8 edits`);
  assert.equal(client.published.get(uri)?.version, version);
});

test('problems in segments.config.json are published on the config file, and go when it is fixed', async () => {
  const configPath = project.path('segments.config.json');
  const configUri = project.uri('segments.config.json');
  const good = project.text('segments.config.json');
  writeFileSync(configPath, good.replace('"asOf"', '"asof"'));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
  const diagnostics = await client.diagnosticsFor(configUri, (d) => d.length > 0);
  assert.match(diagnostics[0].message, /asof/);
  assert.equal(diagnostics[0].range.start.line, 4);
  writeFileSync(configPath, good);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
  await client.diagnosticsFor(configUri, (d) => d.length === 0);
});

test('files of the project that are not open are checked too', async () => {
  // d.segment is created on disk; the watcher event makes it part of the project.
  const path = project.path('segments/d.segment');
  writeFileSync(path, 'segment from_disk {\n  include segment no_such_segment\n}\n');
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: project.uri('segments/d.segment'), type: 1 }] });
  const d = await client.diagnosticsFor(project.uri('segments/d.segment'), (x) => x.some((y) => y.code === 'unknown-segment'));
  assert.equal(d[0].range.start.line, 1);
});

test('a broken schema is reported on schema.json after it changes on disk, and the checks follow the new schema', async () => {
  const schemaPath = project.path('schema.json');
  const schemaUri = project.uri('schema.json');
  const good = project.text('schema.json');
  const schema = JSON.parse(good);
  schema.attributes.age.type = 'integer';
  schema.attributes.city.values = ['Oslo', 'Bergen'];
  writeFileSync(schemaPath, JSON.stringify(schema, null, 2));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: 2 }] });
  const d = await client.diagnosticsFor(schemaUri, (list) => list.length > 0);
  assert.match(d[0].message, /integer/);
  const c = project.uri('segments/c.segment');
  client.change(c, 'segment broken {\n  include city = "Tromsø"\n}\n');
  await client.diagnosticsFor(c, (list) => list.some((x) => x.code === 'value-not-allowed'));
  writeFileSync(schemaPath, good);
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: 2 }] });
  await client.diagnosticsFor(schemaUri, (list) => list.length === 0);
  await client.diagnosticsFor(c, (list) => list.some((x) => x.code === 'value-never-seen') && !list.some((x) => x.code === 'value-not-allowed'));
});

test('a segments.config.json created next to a loose file makes it part of a project, without a restart', async () => {
  const dir = makeTinyProject({ 'segments.config.json': '{}' });
  // Start with no config at all.
  rmSync(dir.path('segments.config.json'));
  const other = await startServer({ root: dir.root });
  try {
    const uri = dir.uri('segments/loose.segment');
    writeFileSync(dir.path('segments/loose.segment'), 'segment l {\n  include agee > 1\n}\n');
    other.open(uri, 'segment l {\n  include agee > 1\n}\n');
    await other.diagnosticsFor(uri, (d) => d.length === 0);
    writeFileSync(dir.path('segments.config.json'), JSON.stringify({ schema: 'schema.json' }));
    await other.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dir.uri('segments.config.json'), type: 1 }] });
    const d = await other.diagnosticsFor(uri, (list) => list.some((x) => x.code === 'unknown-attribute'));
    assert.match(d[0].message, /did you mean `age`/);
    rmSync(dir.path('segments.config.json'));
    await other.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dir.uri('segments.config.json'), type: 3 }] });
    await other.diagnosticsFor(uri, (list) => list.length === 0);
  } finally {
    await other.stop();
    removeProject(dir.root);
  }
});
