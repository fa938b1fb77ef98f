// The one place the hosts reach the disk: what is at a path, and writing only
// inside the project (issue 12, findings 5 and 8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { isInsideFolder, pathNature, writeTextInProject } from '../../../server/src/core/project/files';
import { tempFolder } from './helpers';

test('pathNature tells a file, a folder, a pipe, a device, a symlink loop and nothing apart', () => {
  const root = tempFolder({ 'a.csv': 'x\n' });
  execFileSync('mkfifo', [join(root, 'pipe')]);
  symlinkSync('loop2', join(root, 'loop1'));
  symlinkSync('loop1', join(root, 'loop2'));
  symlinkSync('nowhere', join(root, 'dangling'));
  assert.deepEqual(
    ['a.csv', '.', 'pipe', 'loop1', 'dangling', 'absent'].map((p) => pathNature(join(root, p))),
    ['file', 'folder', 'pipe', 'symlink-loop', 'missing', 'missing'],
  );
  assert.equal(pathNature('/dev/zero'), 'device');
});

test('isInsideFolder resolves links on both sides', () => {
  const scratch = tempFolder({ 'outside.txt': 'x', 'project/a.segment': '' });
  const project = join(scratch, 'project');
  symlinkSync(join(scratch, 'outside.txt'), join(project, 'evil.segment'));
  symlinkSync(project, join(scratch, 'link-to-project'));
  assert.equal(isInsideFolder(join(project, 'a.segment'), project), true);
  assert.equal(isInsideFolder(join(project, 'evil.segment'), project), false);
  assert.equal(isInsideFolder(join(project, '..', 'outside.txt'), project), false);
  // The project reached through a link is the same project.
  assert.equal(isInsideFolder(join(scratch, 'link-to-project', 'a.segment'), project), true);
  // A sibling whose name starts with the project's is not inside it.
  mkdirSync(join(scratch, 'project-2'));
  assert.equal(isInsideFolder(join(scratch, 'project-2'), project), false);
});

test('writeTextInProject writes inside, and refuses a link out of the project and a file that is not UTF-8', () => {
  const scratch = tempFolder({ 'outside.txt': 'keep', 'project/a.segment': 'old' });
  const project = join(scratch, 'project');
  symlinkSync(join(scratch, 'outside.txt'), join(project, 'evil.segment'));
  assert.equal(writeTextInProject(project, join(project, 'a.segment'), 'new'), undefined);
  assert.equal(readFileSync(join(project, 'a.segment'), 'utf8'), 'new');
  assert.deepEqual(writeTextInProject(project, join(project, 'evil.segment'), 'new'), { kind: 'outside-project', realPath: join(scratch, 'outside.txt') });
  assert.equal(readFileSync(join(scratch, 'outside.txt'), 'utf8'), 'keep');
  writeFileSync(join(project, 'latin.segment'), Buffer.from([0x54, 0xf8, 0x0a]));
  assert.deepEqual(writeTextInProject(project, join(project, 'latin.segment'), 'T\uFFFD\n'), { kind: 'not-utf8' });
  assert.deepEqual(readFileSync(join(project, 'latin.segment')), Buffer.from([0x54, 0xf8, 0x0a]));
});
