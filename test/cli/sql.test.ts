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
    assert.deepEqual(Object.keys(q), ['segment', 'dialect', 'sql']);
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

test('a segment with errors is refused with exit 1 and a pointer to check', () => {
  const root = makeProject({ 'segments.config.json': '{}', 'a.segment': 'segment s {\n  include age >\n}\n' });
  const r = runSegments(['sql', '--dialect', 'duckdb'], root);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /`s` has errors; run `segments check`/);
});
