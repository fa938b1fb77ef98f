import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, REPO_ROOT, runSegments } from '../support/cli';

const MESSY = 'segment   s {include age>18 and city="Oslo"\n   title "T"}\n';

test('fmt --check lists unformatted files and exits 1 without touching them', () => {
  const root = makeProject({ 'segments.config.json': '{}', 'a.segment': MESSY });
  const r = runSegments(['fmt', '--check'], root);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /not formatted: a\.segment/);
  assert.equal(readFileSync(join(root, 'a.segment'), 'utf8'), MESSY);
});

test('fmt rewrites the file; afterwards fmt --check passes', () => {
  const root = makeProject({ 'segments.config.json': '{}', 'a.segment': MESSY });
  const r = runSegments(['fmt'], root);
  assert.equal(r.status, 0);
  const after = readFileSync(join(root, 'a.segment'), 'utf8');
  assert.notEqual(after, MESSY);
  assert.equal(after, 'segment s {\n  include\n    age > 18\n    and city = "Oslo"\n  title "T"\n}\n');
  assert.equal(runSegments(['fmt', '--check'], root).status, 0);
});

test('fmt leaves a file with a syntax error exactly as written', () => {
  const broken = 'segment   s {include age >\n}\n';
  const root = makeProject({ 'segments.config.json': '{}', 'a.segment': broken });
  runSegments(['fmt'], root);
  assert.equal(readFileSync(join(root, 'a.segment'), 'utf8'), broken);
});

test('the demo project is in canonical layout', () => {
  const r = runSegments(['fmt', '--check'], join(REPO_ROOT, 'samples', 'nordic-shop'));
  assert.equal(r.status, 0, r.stdout);
});

test('a .segment linked to a file outside the project is checked but never rewritten; fmt says so and exits 1 (issue 12, finding 5)', () => {
  // The project is a folder inside a scratch folder; `outside.txt` sits beside it.
  const scratch = makeProject({ 'outside.txt': MESSY, 'project/segments.config.json': '{}', 'project/a.segment': MESSY });
  const root = join(scratch, 'project');
  symlinkSync(join(scratch, 'outside.txt'), join(root, 'evil.segment'));
  const r = runSegments(['fmt'], root);
  assert.equal(r.status, 1);
  assert.equal(readFileSync(join(scratch, 'outside.txt'), 'utf8'), MESSY);
  assert.match(r.stderr, /^not rewritten: evil\.segment: it is a link to .*outside\.txt, outside the project folder; fmt writes only inside the project \(it was checked, not changed\)$/m);
  // The file inside is formatted all the same.
  assert.match(r.stdout, /^formatted a\.segment$/m);
  assert.match(r.stdout, /1 of 2 files reformatted; 1 not rewritten/);
  // check still reads it (its id is `s`, like a.segment's: a duplicate).
  const check = runSegments(['check', '--format', 'json'], root);
  assert.ok((JSON.parse(check.stdout) as { file: string }[]).some((d) => d.file.endsWith('evil.segment')), check.stdout);
  // Named on its own, with no config, the link is still not written through.
  const alone = makeProject({});
  symlinkSync(join(scratch, 'outside.txt'), join(alone, 'b.segment'));
  assert.equal(runSegments(['fmt', 'b.segment'], alone).status, 1);
  assert.equal(readFileSync(join(scratch, 'outside.txt'), 'utf8'), MESSY);
});

test('a link inside the project to another file of the project is formatted', () => {
  const root = makeProject({ 'segments.config.json': '{}', 'real/a.segment': MESSY });
  mkdirSync(join(root, 'links'));
  symlinkSync(join(root, 'real', 'a.segment'), join(root, 'links', 'a.segment'));
  const r = runSegments(['fmt', 'links/a.segment'], root);
  assert.equal(r.status, 0, r.stderr);
  assert.notEqual(readFileSync(join(root, 'real', 'a.segment'), 'utf8'), MESSY);
});

test('a .segment file that is not UTF-8 is not rewritten: its bytes would be replaced', () => {
  const root = makeProject({ 'segments.config.json': '{}' });
  const bytes = Buffer.concat([Buffer.from('segment   s {include city="Troms'), Buffer.from([0xf8]), Buffer.from('"}\n')]);
  writeFileSync(join(root, 'a.segment'), bytes);
  const r = runSegments(['fmt'], root);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /not rewritten: a\.segment: it is not UTF-8 text/);
  assert.deepEqual(readFileSync(join(root, 'a.segment')), bytes);
});
