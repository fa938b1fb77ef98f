// Exit codes CI can trust: `size`, `sql` and `diff` exit 1 whenever the
// project has an error — in the config, the schema, the sample or any segment
// file — print that error on stderr as `check` does, and still print what they
// could. A segment that cannot be sized is listed with its reason, never
// dropped. Each case is a temp project run through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeProject, runSegments } from '../support/cli';
import { commitAll, makeRepo, writeFiles } from './git-repo';

const USERS = 'user_id,age,city\nu1,30,Oslo\nu2,41,Bergen\nu3,,Oslo\n';
const SEGMENTS = 'segment oslo {\n  include city = "Oslo"\n}\n';
const GOOD_CONFIG = { sample: 'users.csv', asOf: '2026-11-01' };

function project(files: Record<string, string>): string {
  return makeProject({ 'segments.config.json': JSON.stringify(GOOD_CONFIG), 'users.csv': USERS, 'a.segment': SEGMENTS, ...files });
}

interface JsonProblem {
  file: string;
  line: number;
  code: string;
  severity: string;
}

/** `sized`: whether the counts survive the error (a sample with duplicate ids is not used at all). */
const CASES: { name: string; files: Record<string, string>; code: string; file: string; sized?: false }[] = [
  {
    name: 'a JSON syntax error in segments.config.json',
    // The sample is still found: the loader keeps what it could read before the mistake.
    files: { 'segments.config.json': '{ "sample": "users.csv", "asOf": "2026-11-01", }' },
    code: 'config-syntax',
    file: 'segments.config.json',
  },
  {
    name: 'a population that is not a number',
    files: { 'segments.config.json': JSON.stringify({ ...GOOD_CONFIG, population: 'many' }) },
    code: 'config-wrong-type',
    file: 'segments.config.json',
  },
  {
    name: 'a schema type the schema does not know',
    files: {
      'segments.config.json': JSON.stringify({ ...GOOD_CONFIG, schema: 'schema.json' }),
      'schema.json': JSON.stringify({ attributes: { age: { type: 'decimal' } } }),
    },
    code: 'schema-unknown-type',
    file: 'schema.json',
  },
  {
    name: 'duplicate ids in the sample',
    files: { 'users.csv': 'user_id,age,city\nu1,30,Oslo\nu1,41,Bergen\n' },
    code: 'sample-duplicate-id',
    file: 'users.csv',
    sized: false,
  },
];

for (const c of CASES) {
  test(`size, sql and diff exit 1 on ${c.name}, say so on stderr, and still print the sizes`, () => {
    const root = project(c.files);
    const size = runSegments(['size', '--format', 'json'], root);
    assert.equal(size.status, 1, size.stderr);
    assert.match(size.stderr, new RegExp(`^error\\[${c.code}\\]`, 'm'));
    assert.match(size.stderr, new RegExp(`--> ${c.file.replace('.', '\\.')}:\\d+:\\d+`));
    const rows = JSON.parse(size.stdout) as { segment: string; count: number | null; reason?: string; problems: JsonProblem[] }[];
    assert.equal(rows.length, 1);
    assert.equal(rows[0].segment, 'oslo');
    if (c.sized === false) assert.deepEqual([rows[0].count, rows[0].reason], [null, 'the sample could not be read']);
    else assert.equal(typeof rows[0].count, 'number');
    assert.ok(rows[0].problems.some((p) => p.code === c.code && p.file === c.file && p.severity === 'error'), JSON.stringify(rows[0].problems));

    const table = runSegments(['size'], root);
    assert.equal(table.status, 1);
    assert.match(table.stdout, c.sized === false ? /^oslo\s+the sample could not be read$/m : /^oslo\s+\d+ of \d+/m);

    const sql = runSegments(['sql', '--dialect', 'duckdb', '--format', 'json'], root);
    assert.equal(sql.status, 1, sql.stderr);
    assert.match(sql.stderr, new RegExp(`^error\\[${c.code}\\]`, 'm'));
    const queries = JSON.parse(sql.stdout) as { segment: string; sql: string | null; problems: JsonProblem[] }[];
    assert.equal(queries[0].segment, 'oslo');
    assert.match(queries[0].sql ?? '', /SELECT/);
    assert.ok(queries[0].problems.some((p) => p.code === c.code));
  });
}

test('diff exits 1 when the head has an error, lists it in problems, and still reports the change', () => {
  const root = makeRepo({ 'segments.config.json': JSON.stringify(GOOD_CONFIG), 'users.csv': USERS, 'a.segment': SEGMENTS });
  writeFiles(root, { 'segments.config.json': JSON.stringify({ ...GOOD_CONFIG, population: 'many' }), 'a.segment': 'segment oslo {\n  include city = "Bergen"\n}\n' });
  commitAll(root, 'head');
  const r = runSegments(['diff', '--base', 'HEAD~1', '--format', 'json'], root);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^error\[config-wrong-type\]/m);
  const report = JSON.parse(r.stdout) as { segments: { segment: string; status: string }[]; problems: { side: string; code: string; file: string }[] };
  assert.deepEqual(report.segments.map((s) => [s.segment, s.status]), [['oslo', 'changed']]);
  assert.deepEqual(report.problems.map((p) => [p.side, p.code, p.file]), [['head', 'config-wrong-type', 'segments.config.json']]);
  // A clean head exits 0 again.
  writeFiles(root, { 'segments.config.json': JSON.stringify(GOOD_CONFIG) });
  assert.equal(runSegments(['diff', '--base', 'HEAD~1'], root).status, 0);
});

test('a missing sample file: size lists every segment with its reason and exits 1', () => {
  const root = project({ 'segments.config.json': JSON.stringify({ ...GOOD_CONFIG, sample: 'gone.csv' }) });
  const r = runSegments(['size', '--format', 'json'], root);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^error\[config-missing-file\]/m);
  const rows = JSON.parse(r.stdout) as { segment: string; count: number | null; total: number | null; reason: string }[];
  assert.deepEqual(rows.map((row) => [row.segment, row.count, row.total, row.reason]), [['oslo', null, null, 'the sample could not be read']]);
});

test('a segment nested deeper than the limit is listed with its reason, not dropped; check cuts the long line to a window', () => {
  const deep = `segment deep {\n  include ${'('.repeat(150)}city = "Oslo"${')'.repeat(150)} and ${'x'.repeat(20_000)}\n}\n`;
  const root = project({ 'a.segment': `${SEGMENTS}${deep}` });
  const r = runSegments(['size', '--format', 'json'], root);
  assert.equal(r.status, 1);
  const rows = JSON.parse(r.stdout) as { segment: string; count: number | null; reason?: string; problems: JsonProblem[] }[];
  assert.deepEqual(rows.map((row) => [row.segment, row.count, row.reason ?? null]), [['oslo', 2, null], ['deep', null, 'fix 1 error']]);
  assert.deepEqual(rows[1].problems.map((p) => p.code), ['too-deeply-nested']);

  const check = runSegments(['check'], root);
  assert.equal(check.status, 1);
  assert.match(check.stdout, /^error\[too-deeply-nested\]/m);
  // The 20,000-character line is shown as a window of it, cut with `…`, with the caret under the mistake.
  const lines = check.stdout.split('\n');
  const source = lines.find((l) => l.startsWith('5 | '))!;
  assert.ok(source.length < 200, `excerpt of ${source.length} characters`);
  assert.match(source, /…$/);
  const caret = lines[lines.indexOf(source) + 1];
  assert.equal(source[caret.indexOf('^')], '(');
});

test('a clean project still exits 0 from size, sql and diff', () => {
  const root = makeRepo({ 'segments.config.json': JSON.stringify(GOOD_CONFIG), 'users.csv': USERS, 'a.segment': SEGMENTS });
  assert.equal(runSegments(['size'], root).status, 0);
  assert.equal(runSegments(['sql', '--dialect', 'postgres'], root).status, 0);
  assert.equal(runSegments(['diff', '--base', 'HEAD'], root).status, 0);
});
