import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeProject, runSegments } from '../support/cli';

const CONFIG = JSON.stringify({ sample: 'users.csv', schema: 'schema.json', idColumn: 'user_id', asOf: '2026-11-01' });
const SCHEMA = JSON.stringify({
  attributes: {
    age: { type: 'number', description: 'Age in years' },
    city: { type: 'string' },
    device: { type: 'string', values: ['mobile', 'desktop'] },
  },
});
const USERS = 'user_id,age,city,device\nu1,30,Oslo,mobile\nu2,41,Bergen,desktop\nu3,,Oslo,mobile\n';

function shopProject(segments: Record<string, string>): string {
  return makeProject({ 'segments.config.json': CONFIG, 'schema.json': SCHEMA, 'users.csv': USERS, ...segments });
}

test('check on a clean project prints a summary and exits 0', () => {
  const root = shopProject({ 'a.segment': 'segment adults {\n  include age >= 18\n}\n' });
  const r = runSegments(['check'], root);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /✓ 1 file checked, no problems/);
});

test('check reports a mistake with file, line, column, code and a caret, and exits 1', () => {
  const root = shopProject({ 'a.segment': 'segment s {\n  include cty = "Oslo"\n}\n' });
  const r = runSegments(['check'], root);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /error\[unknown-attribute\]: .*`cty`.*`city`/);
  assert.match(r.stdout, /--> a\.segment:2:11/);
  assert.match(r.stdout, /2 \|   include cty = "Oslo"\n  \|           \^\^\^/);
  assert.match(r.stdout, /1 error in 1 file checked/);
});

test('check --format json prints the documented array shape', () => {
  const root = shopProject({ 'a.segment': 'segment s {\n  include age >\n}\n', 'b.segment': 'segment t { include age > 1 }\n' });
  const r = runSegments(['check', '--format', 'json'], root);
  assert.equal(r.status, 1);
  const items = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.ok(Array.isArray(items) && items.length >= 1);
  const first = items[0];
  assert.deepEqual(Object.keys(first).slice(0, 6), ['file', 'line', 'column', 'severity', 'code', 'message']);
  assert.equal(first.file, 'a.segment');
  assert.equal(first.line, 2);
  assert.equal(first.column, 15);
  assert.equal(first.severity, 'error');
});

test('warnings alone exit 0', () => {
  const root = shopProject({ 'a.segment': 'segment s {\n  include city = "Tromsø"\n}\n' });
  const r = runSegments(['check', '--format', 'json'], root);
  const items = JSON.parse(r.stdout) as { severity: string; code: string }[];
  // "Tromsø" is in no profile, so the segment is also empty: both are warnings.
  assert.deepEqual(items.map((i) => [i.severity, i.code]), [['warning', 'matches-nobody'], ['warning', 'value-never-seen']]);
  assert.equal(r.status, 0);
});

test('a path to one file checks that file in the context of its project', () => {
  const root = shopProject({
    'a.segment': 'segment a {\n  include segment b\n}\n',
    'b.segment': 'segment b {\n  include age > 1 and bogus\n}\n',
  });
  const r = runSegments(['check', 'a.segment', '--format', 'json'], root);
  assert.equal(r.status, 0, r.stdout);
  assert.deepEqual(JSON.parse(r.stdout), []);
});

test('a file with no config still gets syntax checks', () => {
  const root = makeProject({ 'loose.segment': 'segment s {\n  include age >\n}\n' });
  const r = runSegments(['check', 'loose.segment'], root);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /error\[syntax-error\]: expected a value/);
});

test('config problems are reported at their line and column in the JSON file', () => {
  const root = makeProject({ 'segments.config.json': '{\n  "smaple": "users.csv"\n}\n', 'a.segment': 'segment s { include x }\n' });
  const r = runSegments(['check', '--format', 'json'], root);
  assert.equal(r.status, 1);
  const items = JSON.parse(r.stdout) as { file: string; line: number; column: number; code: string }[];
  const cfg = items.find((i) => i.file === 'segments.config.json');
  assert.ok(cfg, r.stdout);
  assert.equal(cfg.line, 2);
  assert.equal(cfg.column, 3);
});

test('bad usage exits 2 with a message', () => {
  const root = shopProject({});
  const unknownFormat = runSegments(['check', '--format', 'xml'], root);
  assert.equal(unknownFormat.status, 2);
  assert.match(unknownFormat.stderr, /xml/);
  const missing = runSegments(['check', 'nope.segment'], root);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file or folder: nope\.segment/);
  const unknownCommand = runSegments(['frobnicate'], root);
  assert.equal(unknownCommand.status, 2);
});

test('--help on every command exits 0 and describes it', () => {
  const root = shopProject({});
  for (const args of [['--help'], ['check', '--help'], ['fmt', '--help']]) {
    const r = runSegments(args, root);
    assert.equal(r.status, 0, args.join(' '));
    assert.match(r.stdout, /Usage: segments/);
  }
});

test('a config or schema nested 5,000 levels deep is an error in the file, not an internal error (issue 12)', () => {
  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  for (const [file, code] of [['segments.config.json', 'config-too-deep'], ['schema.json', 'schema-too-deep']]) {
    const root = shopProject({ 'a.segment': 'segment adults {\n  include age >= 18\n}\n', [file]: deep });
    const r = runSegments(['check', '--format', 'json'], root);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    const codes = (JSON.parse(r.stdout) as { code: string }[]).map((d) => d.code);
    assert.ok(codes.includes(code), codes.join());
  }
});
