// The CLI's way in: paths → snapshots with their data and the files asked about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeProject } from '../../support/cli';
import { openSnapshots } from '../../../server/src/core/workspace/open-snapshots';
import { openProject, USERS } from './helpers';

test('a project folder: every segment file in the snapshot, all of them asked about, the data loaded', () => {
  const { snapshot, selected, root } = openProject({ 'a.segment': 'segment a { include age > 3 }', 'sub/b.segment': 'segment b { include age > 4 }' });
  assert.deepEqual(snapshot.filePaths(), [join(root, 'a.segment'), join(root, 'sub/b.segment')]);
  assert.deepEqual([...selected].sort(), snapshot.filePaths());
  assert.equal(snapshot.dataStatus, 'ready');
  assert.equal(snapshot.sample().kind, 'ready');
});

test('one file named: the whole project is read (references, duplicate ids), only that file is asked about', () => {
  const { root } = openProject({ 'a.segment': 'segment a { include segment b }', 'b.segment': 'segment b { include age > 4 }' });
  const [{ snapshot, selected }] = openSnapshots(['a.segment'], root);
  assert.deepEqual([...selected], [join(root, 'a.segment')]);
  assert.equal(snapshot.readiness(snapshot.segment('a')!.decl).kind, 'ready');
});

test('a folder without a config has no data, unless --sample gives it a sample', () => {
  const root = makeProject({ 'a.segment': 'segment a { include age > 3 }', 'users.csv': USERS });
  const [plain] = openSnapshots([root], root);
  assert.equal(plain.snapshot.dataStatus, 'none');
  assert.deepEqual(plain.snapshot.sample(), { kind: 'missing', problem: 'none' });
  const [sampled] = openSnapshots([root], root, { sampleOverride: join(root, 'users.csv') });
  const size = sampled.snapshot.size(sampled.snapshot.segments()[0].decl);
  assert.deepEqual(size.kind === 'sized' && [size.count, size.total], [2, 3]);
});
