// `check --format github`: GitHub workflow commands, one per diagnostic, with
// GitHub's escaping (https://github.com/actions/toolkit, command.ts): in the
// message % \r \n; in property values also : and ,.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeProject, runSegments } from '../support/cli';
import { git, makeRepo } from './git-repo';

const SCHEMA = JSON.stringify({ attributes: { city: { type: 'string', values: ['Oslo'] }, age: { type: 'number' } } });
const USERS = 'user_id,city,age\nu1,Oslo,30\n';

test('one ::error / ::warning line per diagnostic with position, title and message, then a summary', () => {
  const root = makeProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv', schema: 'schema.json' }),
    'schema.json': SCHEMA,
    'users.csv': USERS,
    'shop.segment': 'segment s {\n  include cty = "Oslo" and city = "Tromso"\n}\nsegment t {\n  include age > 40\n}\n',
  });
  const r = runSegments(['check', '--format', 'github'], root);
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    [
      '::error file=shop.segment,line=2,col=11,endLine=2,endColumn=14,title=segments%3A unknown-attribute::unknown attribute `cty`; did you mean `city`?',
      '::error file=shop.segment,line=2,col=35,endLine=2,endColumn=43,title=segments%3A value-not-allowed::`"Tromso"` is not an allowed value of `city`; the schema allows `"Oslo"`',
      '::warning file=shop.segment,line=4,col=9,endLine=4,endColumn=10,title=segments%3A matches-nobody::segment `t` matches nobody in the sample (0 of 1 profile)',
      '2 errors, 1 warning in 1 file checked',
      '',
    ].join('\n'),
  );
});

test('% \\r \\n are escaped in messages; : and , as well in file names and titles', () => {
  const root = makeProject({
    // A config key holding a line feed, a carriage return and a percent sign: its message quotes it.
    'segments.config.json': '{"sample": "users.csv", "sa\\nm\\rple%": 1}',
    'users.csv': USERS,
    'a,b:c.segment': 'segment s {\n  include `50%,off:now` > 1\n}\n',
    'per%cent\nline.segment': 'segment t {\n  include age >\n}\n',
  });
  const lines = runSegments(['check', '--format', 'github'], root).stdout.split('\n');
  const config = lines.find((l) => l.includes('config-unknown-key'));
  assert.ok(config, lines.join('\n'));
  assert.match(config, /^::error file=segments\.config\.json,line=1,col=\d+,.*::unknown key `sa%0Am%0Dple%25`/);
  // In the message only % \r \n are escaped: `:` and `,` stay as they are.
  assert.ok(
    lines.includes('::error file=a%2Cb%3Ac.segment,line=2,col=11,endLine=2,endColumn=24,title=segments%3A unknown-attribute::unknown attribute `50%25,off:now`: neither the schema nor the sample has it'),
    lines.join('\n'),
  );
  const percent = lines.find((l) => l.startsWith('::error file=per%25cent%0Aline.segment,line=2,'));
  assert.ok(percent, lines.join('\n'));
  // No raw line break survives: every annotation is one line, and the properties split cleanly.
  const annotations = lines.filter((l) => l.startsWith('::'));
  assert.equal(annotations.length, 3);
  for (const line of annotations) {
    const [, command, props, message] = /^::(\w+) ([^:]*)::(.*)$/.exec(line) ?? [];
    assert.ok(command && props && message !== undefined, line);
    assert.deepEqual(props.split(',').map((p) => p.split('=')[0]), ['file', 'line', 'col', 'endLine', 'endColumn', 'title']);
  }
});

test('info diagnostics become ::notice', () => {
  const root = makeProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv', events: 'events.csv' }),
    'users.csv': 'user_id,age\nu1,30\n',
    // u9 is in no profile: an info on the events file, at its line.
    'events.csv': 'user_id,event,timestamp\nu1,view,2026-01-01T00:00:00Z\nu9,view,2026-01-02T00:00:00Z\n',
    'a.segment': 'segment s {\n  include age > 1\n}\n',
  });
  const r = runSegments(['check', '--format', 'github'], root);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /^::notice file=events\.csv,line=3,col=\d+,endLine=3,endColumn=\d+,title=segments%3A events-unknown-profile::.+\n✓ 1 file checked, no problems\n$/);
});

test('a clean project prints only the summary', () => {
  const root = makeProject({ 'segments.config.json': '{}', 'a.segment': 'segment s {\n  include x = 1\n}\n' });
  const r = runSegments(['check', '--format', 'github'], root);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '✓ 1 file checked, no problems\n');
});

test('file paths are relative to the repository root, also when run from a sub-folder', () => {
  const root = makeRepo({
    'marketing/segments.config.json': '{}',
    'marketing/audiences/a.segment': 'segment s {\n  include x >\n}\n',
  });
  git(root, 'status');
  const r = runSegments(['check', '--format', 'github'], join(root, 'marketing'));
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^::error file=marketing\/audiences\/a\.segment,line=2,/);
});
