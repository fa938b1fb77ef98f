// The project snapshot: one list of diagnostics, one answer per question, each
// computed once; rebuilt after a change, it reuses what did not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ProjectSnapshot, SnapshotCache } from '../../../server/src/core/workspace/snapshot';
import { loadProjectData } from '../../../server/src/core/workspace/project-data';
import { openProject } from './helpers';

test('diagnostics: config, sample and segment files, and matches-nobody, each once, in report order; a file filter keeps the project files', () => {
  const { snapshot, root } = openProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv', asOf: '2026-11-01', population: 'many' }),
    'a.segment': 'segment nobody {\n  include age > 90\n}\n',
    'b.segment': 'segment typo {\n  include agee > 3\n}\n',
  });
  const all = snapshot.diagnostics();
  assert.deepEqual(all.map((d) => `${d.file.slice(root.length + 1)} ${d.code}`), [
    'a.segment matches-nobody',
    'b.segment unknown-attribute',
    'segments.config.json config-wrong-type',
  ]);
  assert.equal(snapshot.diagnostics(), all, 'computed once per snapshot');
  const onlyA = snapshot.diagnostics({ files: new Set([join(root, 'a.segment')]) });
  assert.deepEqual(onlyA.map((d) => d.code), ['matches-nobody', 'config-wrong-type']);
  assert.deepEqual(snapshot.errors().map((d) => d.code), ['unknown-attribute', 'config-wrong-type']);
});

test('size, readiness and SQL of each segment, whatever the condition; memoized per snapshot', () => {
  const { snapshot } = openProject({
    'a.segment': 'segment oslo {\n  include city = "Oslo"\n}\nsegment broken {\n  include agee > 3\n}\nsegment uses {\n  include segment broken\n}\n',
  });
  const [oslo, broken, uses] = snapshot.segments();
  assert.deepEqual([oslo.id, broken.id, uses.id], ['oslo', 'broken', 'uses']);
  const size = snapshot.size(oslo.decl);
  assert.deepEqual(size.kind === 'sized' && [size.count, size.total], [2, 3]);
  assert.equal(snapshot.size(oslo.decl), size, 'counted once');
  assert.equal(snapshot.readiness(broken.decl).kind, 'has-errors');
  assert.deepEqual(snapshot.size(uses.decl), { kind: 'waits-on', dependencies: ['broken'] });
  const sql = snapshot.sql(oslo.decl, { dialect: 'duckdb' });
  assert.ok(sql.kind === 'sql' && /"city" = 'Oslo'/.test(sql.sql), JSON.stringify(sql));
  assert.equal(snapshot.sql(uses.decl, { dialect: 'duckdb' }).kind, 'waits-on');
  assert.equal(snapshot.segment('uses')?.decl, uses.decl);
});

test('where the sample stands: none, loading, unreadable, ready', () => {
  const base = openProject({ 'a.segment': 'segment s {\n  include age > 3\n}\n' });
  const { config } = base.snapshot;
  const sources = base.snapshot.filePaths().map((path) => ({ path, text: base.snapshot.textOf(path)! }));
  const at = (input: Partial<ConstructorParameters<typeof ProjectSnapshot>[0]>) =>
    new ProjectSnapshot({ config, configDiagnostics: [], sources, dataStatus: 'ready', ...input });
  const data = base.snapshot.data;
  assert.deepEqual(at({ config: { ...config, sample: undefined }, data }).sample(), { kind: 'missing', problem: 'none' });
  assert.deepEqual(at({ dataStatus: 'loading', data }).sample(), { kind: 'missing', problem: 'loading' });
  assert.deepEqual(at({ data: { diagnostics: [] } }).sample(), { kind: 'missing', problem: 'unreadable' });
  assert.equal(at({ data }).sample().kind, 'ready');
  // A `sample` the config loader refused (a missing file) is unreadable, not absent.
  const rejected = [{ file: 'segments.config.json', span: { start: 0, end: 1 }, severity: 'error' as const, code: 'config-missing-file', message: '`sample` file not found: gone.csv' }];
  assert.deepEqual(at({ config: { ...config, sample: undefined }, configDiagnostics: rejected }).sample(), { kind: 'missing', problem: 'unreadable' });
  const [s] = at({ dataStatus: 'loading', data }).segments();
  assert.deepEqual(at({ dataStatus: 'loading', data }).size(s.decl), { kind: 'no-sample', problem: 'loading' });
});

test('a rebuilt snapshot reuses parsed files, the evaluator and its per-condition results', () => {
  const { snapshot } = openProject({ 'a.segment': 'segment s {\n  include age > 3 and city = "Oslo"\n}\n', 'b.segment': 'segment t {\n  include age > 30\n}\n' });
  const cache = new SnapshotCache();
  const sources = snapshot.filePaths().map((path) => ({ path, text: snapshot.textOf(path)! }));
  const input = { config: snapshot.config, configDiagnostics: [], data: snapshot.data, dataStatus: 'ready' as const, cache };
  const first = new ProjectSnapshot({ ...input, sources });
  for (const s of first.segments()) first.size(s.decl);
  const evaluator = first.evaluator()!;
  const computed = evaluator.stats.computedConditions;
  assert.ok(computed > 0);

  // b.segment edited; a.segment as it was.
  const edited = sources.map((s) => (s.path.endsWith('b.segment') ? { ...s, text: 'segment t {\n  include age > 35\n}\n' } : s));
  const second = new ProjectSnapshot({ ...input, sources: edited });
  assert.equal(second.parsed(edited[0].path), first.parsed(sources[0].path), 'the unchanged file is not parsed again');
  assert.notEqual(second.parsed(edited[1].path), first.parsed(sources[1].path));
  assert.equal(second.evaluator(), evaluator, 'the same evaluator while the store is the same');
  const cached = evaluator.stats.cachedConditions;
  for (const s of second.segments()) second.size(s.decl);
  assert.equal(evaluator.stats.computedConditions, computed + 1, 'only the edited condition is computed again');
  assert.equal(second.size(second.segments()[0].decl), first.size(first.segments()[0].decl), 'the unchanged segment keeps its count');
  assert.equal(evaluator.stats.cachedConditions, cached, 'and is not even recombined from cached conditions');
});

test('an edit re-checks only the block it changed; the diagnostics are those of a fresh check', () => {
  const text = 'segment kept {\n  include agee > 3\n}\n\nsegment edited {\n  include age > 30\n}\n';
  const { snapshot } = openProject({ 'a.segment': text });
  const cache = new SnapshotCache();
  const [path] = snapshot.filePaths();
  const input = { config: snapshot.config, configDiagnostics: [], data: snapshot.data, dataStatus: 'ready' as const, cache };
  const first = new ProjectSnapshot({ ...input, sources: [{ path, text }] });
  const codes = (snap: ProjectSnapshot) => snap.diagnostics().map((d) => `${d.code} ${d.span.start}`);
  assert.deepEqual(first.diagnostics().map((d) => d.code), ['unknown-attribute']);
  const [kept] = first.segments();
  const keptCheck = cache.checks.get(kept.decl);
  assert.ok(keptCheck);

  const editedText = text.replace('age > 30', 'citty = "Oslo"');
  const second = new ProjectSnapshot({ ...input, sources: [{ path, text: editedText }] });
  const fresh = new ProjectSnapshot({ ...input, cache: new SnapshotCache(), sources: [{ path, text: editedText }] });
  assert.deepEqual(codes(second), codes(fresh));
  assert.deepEqual(second.diagnostics().map((d) => d.code), ['unknown-attribute', 'unknown-attribute']);
  assert.equal(second.segments()[0].decl, kept.decl, 'the unchanged block is the same object');
  assert.equal(cache.checks.get(kept.decl), keptCheck, 'and its check was reused, not redone');
  assert.ok(cache.checks.get(second.segments()[1].decl), 'the edited block was checked');

  // Another catalog (the sample reloaded): every block is checked again.
  const reloaded = new ProjectSnapshot({ ...input, data: { ...snapshot.data!, catalog: { ...snapshot.data!.catalog! } }, sources: [{ path, text: editedText }] });
  assert.deepEqual(codes(reloaded), codes(fresh));
  assert.notEqual(cache.checks.get(kept.decl), keptCheck);
});

test('withSources: another version of the segment files on the same data (segments diff)', () => {
  const { snapshot } = openProject({ 'a.segment': 'segment s {\n  include age > 35\n}\n' });
  const [path] = snapshot.filePaths();
  const other = snapshot.withSources([{ path, text: 'segment s {\n  include age > 3\n}\n' }]);
  const sizeOf = (snap: ProjectSnapshot) => {
    const size = snap.size(snap.segments()[0].decl);
    return size.kind === 'sized' ? size.count : null;
  };
  assert.deepEqual([sizeOf(snapshot), sizeOf(other)], [1, 2]);
  assert.equal(other.data, snapshot.data);
});

test('line indexes: segment files from the snapshot text, the config from disk', () => {
  const { snapshot, root } = openProject({ 'a.segment': 'segment s {\n  include age > 3\n}\n' });
  assert.equal(snapshot.lineIndex(join(root, 'a.segment'))?.lineText(1), '  include age > 3');
  assert.match(snapshot.lineIndex(join(root, 'segments.config.json'))?.lineText(0) ?? '', /"sample"/);
  assert.equal(snapshot.lineIndex(join(root, 'nope.json')), undefined);
  assert.equal(loadProjectData(snapshot.config).store?.profiles.count, 3);
});
