// `--timings` and SEGMENTS_TIMINGS: the phases of a run on stderr, the output unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeProject, runSegments } from '../support/cli';

const project = () =>
  makeProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv', asOf: '2026-11-01' }),
    'users.csv': 'user_id,age,city\nu1,30,Oslo\nu2,41,Bergen\nu3,,Oslo\n',
    'a.segment': 'segment oslo {\n  include city = "Oslo"\n}\nsegment old {\n  include age > 35\n}\n',
  });

test('size --timings prints each phase with its time after the output, which stays the same', () => {
  const root = project();
  const plain = runSegments(['size', '--format', 'json', '--no-cache'], root);
  const timed = runSegments(['size', '--format', 'json', '--no-cache', '--timings'], root);
  assert.equal(timed.status, 0, timed.stderr);
  assert.equal(timed.stdout, plain.stdout);
  assert.equal(plain.stderr, '');
  const lines = timed.stderr.trimEnd().split('\n');
  assert.equal(lines[0], 'timings:');
  const phase = (label: string) => lines.find((l) => l.trimStart().startsWith(label));
  for (const label of ['start (Node and the CLI bundle)', 'find the project and read its files', 'sample', 'profiles', 'rows', 'catalog', 'parse and check', 'count (×2)', 'total since the process started']) {
    assert.match(phase(label) ?? '', /\s\d+\.\d ms$/, `a line for ${label}:\n${timed.stderr}`);
  }
  // Nested phases are indented under the phase they belong to.
  const indent = (label: string) => phase(label)!.length - phase(label)!.trimStart().length;
  assert.ok(indent('profiles') > indent('sample') && indent('rows') > indent('profiles'));
});

test('SEGMENTS_TIMINGS=1 does the same for check and sql; unset or 0, nothing', () => {
  const root = project();
  assert.match(runSegments(['check'], root, { SEGMENTS_TIMINGS: '1' }).stderr, /^timings:\n/);
  assert.match(runSegments(['sql', '--dialect', 'duckdb'], root, { SEGMENTS_TIMINGS: 'true' }).stderr, /parse and check/);
  assert.equal(runSegments(['check'], root, { SEGMENTS_TIMINGS: '0' }).stderr, '');
});
