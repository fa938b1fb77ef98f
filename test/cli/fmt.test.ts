import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
