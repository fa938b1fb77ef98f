// The project's walls in reports (issue 12, finding 5): a config may name any
// file as its sample, events or schema. Messages about such a file quote at
// most a short, sanitised token, never a whole line of a file that is not a
// table; and the reports CI posts on pull requests (`--format github` and
// `sarif`) carry no value from a data file outside the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeProject, runSegments } from '../support/cli';

const NETRC = 'machine example.com login bob password hunter2\n';

test('a credentials file named as the sample is not quoted, in any format (issue 12, finding 5)', () => {
  const scratch = makeProject({
    netrc: NETRC,
    'project/segments.config.json': JSON.stringify({ sample: '../netrc' }),
    'project/a.segment': 'segment adults {\n  include age >= 18\n}\n',
  });
  const root = join(scratch, 'project');
  for (const format of ['text', 'json', 'github', 'sarif']) {
    const r = runSegments(['check', '--format', format], root);
    assert.equal(r.status, 1, format);
    assert.doesNotMatch(r.stdout + r.stderr, /hunter2|password|example\.com/, format);
  }
  const json = JSON.parse(runSegments(['check', '--format', 'json'], root).stdout) as { code: string; message: string }[];
  assert.deepEqual(
    json.filter((d) => d.code === 'sample-missing-id-column').map((d) => d.message),
    ['The profile sample has no id column `user_id`: its first line holds a single column, so the file does not look like a table of profiles (a header row naming columns separated by commas, one of them `user_id`).'],
  );
});

test('column names and cells are quoted as short tokens with control characters escaped', () => {
  const longName = 'x'.repeat(200);
  const root = makeProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv' }),
    // A header without user_id, one column name 200 long and one with an escape sequence that would recolour a terminal.
    'users.csv': `id,${longName},"a\u001b[31mred"\n1,2,3\n`,
    'a.segment': 'segment s {\n  include id > 0\n}\n',
  });
  const r = runSegments(['check', '--format', 'json'], root);
  const message = (JSON.parse(r.stdout) as { code: string; message: string }[]).find((d) => d.code === 'sample-missing-id-column')!.message;
  assert.ok(message.includes(`\`${'x'.repeat(64)}…\``), message);
  assert.ok(!message.includes('x'.repeat(65)), message);
  assert.ok(message.includes('`a\\u{1b}[31mred`'), message);
  assert.doesNotMatch(message, /\u001b/);
});

test('github and sarif reports carry no value from a sample outside the project; text and json, read locally, do', () => {
  const scratch = makeProject({
    'data/users.csv': 'user_id,city,age\nu1,Secretville,30\nu2,Oslo,Hiddenage\n',
    'project/schema.json': JSON.stringify({ attributes: { age: { type: 'number' } } }),
    'project/segments.config.json': JSON.stringify({ sample: '../data/users.csv', schema: 'schema.json' }),
    'project/a.segment': 'segment s {\n  include city = "Secretvile"\n}\n',
  });
  const root = join(scratch, 'project');
  const text = runSegments(['check'], root);
  // The local report names the value it suggests and the cell that is not a number: so this test can fail.
  assert.match(text.stdout + text.stderr, /Secretville/);
  assert.match(text.stdout + text.stderr, /Hiddenage/);
  for (const format of ['github', 'sarif']) {
    const r = runSegments(['check', '--format', format], root);
    assert.equal(r.status, 0, format);
    assert.doesNotMatch(r.stdout, /Secretville|Hiddenage/, format);
    assert.match(r.stdout, /sample-bad-value/, format);
    assert.match(r.stdout, /value-never-seen/, format);
    assert.match(r.stdout, /Details are not shown in CI reports because this project reads data from outside its folder/, format);
  }
  // Inside the project, nothing is withheld.
  const inside = makeProject({
    'users.csv': 'user_id,city\nu1,Secretville\n',
    'segments.config.json': JSON.stringify({ sample: 'users.csv' }),
    'a.segment': 'segment s {\n  include city = "Secretvile"\n}\n',
  });
  assert.match(runSegments(['check', '--format', 'github'], inside).stdout, /Secretville/);
});
