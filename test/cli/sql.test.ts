import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeProject, REPO_ROOT, runSegments } from '../support/cli';

const DEMO = join(REPO_ROOT, 'samples', 'nordic-shop');

test('sql --format json prints one query per segment in the documented shape', () => {
  const r = runSegments(['sql', '--dialect', 'postgres', '--format', 'json'], DEMO);
  assert.equal(r.status, 0, r.stderr);
  const queries = JSON.parse(r.stdout) as { segment: string; dialect: string; sql: string }[];
  assert.ok(queries.length >= 40);
  for (const q of queries) {
    assert.deepEqual(Object.keys(q), ['segment', 'dialect', 'sql', 'problems']);
    assert.equal(q.dialect, 'postgres');
    assert.match(q.sql, /SELECT/);
  }
});

test('sql text output renames tables on request', () => {
  const root = makeProject({ 'segments.config.json': '{"asOf": "2026-11-01"}', 'a.segment': 'segment s {\n  include did purchase within last 7 days\n}\n' });
  const r = runSegments(['sql', '--dialect', 'duckdb', '--profiles-table', 'crm.users', '--events-table', 'crm.events'], root);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /"crm"\."users"/);
  assert.match(r.stdout, /"crm"\."events"/);
  assert.match(r.stdout, /DATE '2026-10-25'/);
  assert.match(r.stdout, /;\n$/);
});

test('every dialect compiles the demo project', () => {
  for (const dialect of ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark']) {
    const r = runSegments(['sql', '--dialect', dialect], DEMO);
    assert.equal(r.status, 0, `${dialect}: ${r.stderr}`);
  }
});

test('a missing or unknown dialect is bad usage (exit 2)', () => {
  assert.equal(runSegments(['sql'], DEMO).status, 2);
  const r = runSegments(['sql', '--dialect', 'oracle'], DEMO);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /oracle/);
});

test('a segment with errors is refused with exit 1, its error on stderr; the fine ones still get their query', () => {
  const root = makeProject({ 'segments.config.json': '{}', 'a.segment': 'segment s {\n  include age >\n}\nsegment fine {\n  include age > 3\n}\n' });
  const r = runSegments(['sql', '--dialect', 'duckdb'], root);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error\[syntax-error\]/m);
  assert.match(r.stderr, /`s` has no query: fix 1 error/);
  assert.match(r.stdout, /"age" > 3/);
  const json = JSON.parse(runSegments(['sql', '--dialect', 'duckdb', '--format', 'json'], root).stdout) as { segment: string; sql: string | null; reason?: string; problems: { code: string }[] }[];
  assert.deepEqual(json.map((q) => [q.segment, q.sql === null, q.reason, q.problems.map((p) => p.code)]), [
    ['s', true, 'fix 1 error', ['syntax-error']],
    ['fine', false, undefined, []],
  ]);
});

test('a segment that uses a segment with errors gets no query either (the editor refuses it too)', () => {
  const root = makeProject({ 'segments.config.json': '{}', 'a.segment': 'segment broken {\n  include age >\n}\nsegment user {\n  include segment broken\n}\n' });
  const r = runSegments(['sql', '--dialect', 'duckdb', '--format', 'json'], root);
  assert.equal(r.status, 1);
  const json = JSON.parse(r.stdout) as { segment: string; sql: string | null; reason?: string }[];
  assert.deepEqual(json.map((q) => [q.segment, q.sql, q.reason]), [
    ['broken', null, 'fix 1 error'],
    ['user', null, 'waits on `broken`, which has errors'],
  ]);
  assert.match(r.stderr, /`user` has no query: waits on `broken`, which has errors/);
});
