import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { closeSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { makeProject, REPO_ROOT, runSegments } from '../support/cli';

const USERS = 'user_id,age,city,vip\nu1,30,Oslo,true\nu2,41,Bergen,false\nu3,,Oslo,true\nu4,25,Trondheim,\n';
const EVENTS = 'user_id,event,timestamp,amount\nu1,purchase,2026-10-30T10:00:00Z,100\nu1,purchase,2026-09-01T10:00:00Z,50\nu2,purchase,2026-10-31T23:59:59Z,\n';

function project(config: Record<string, unknown>, segments: string): string {
  return makeProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv', events: 'events.csv', asOf: '2026-11-01', ...config }),
    'users.csv': USERS,
    'events.csv': EVENTS,
    'a.segment': segments,
  });
}

const SEGMENTS = `segment oslo {
  include city = "Oslo"
}
segment not_over_30 {
  include not (age > 30)
}
segment recent_buyers {
  include did purchase within last 7 days
  exclude segment oslo
}
`;

test('size --format json gives the documented shape with exact counts', () => {
  const root = project({}, SEGMENTS);
  const r = runSegments(['size', '--format', 'json'], root);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    { segment: 'oslo', file: 'a.segment', count: 2, total: 4, problems: [] },
    // Missing age: `age > 30` is false, so `not` makes it true (u1, u3, u4).
    { segment: 'not_over_30', file: 'a.segment', count: 3, total: 4, problems: [] },
    // u1 and u2 bought in the last 7 days; u1 lives in Oslo.
    { segment: 'recent_buyers', file: 'a.segment', count: 1, total: 4, problems: [] },
  ]);
});

test('with population, JSON carries the estimate and its Wilson interval', () => {
  const root = project({ population: 1000 }, 'segment oslo {\n  include city = "Oslo"\n}\n');
  const [row] = JSON.parse(runSegments(['size', '--format', 'json'], root).stdout) as Record<string, number>[];
  assert.equal(row.estimate, 500);
  // Wilson 95% for 2 of 4: centre 0.5, margin 0.4012 → 150 … 850 of 1,000 (rounded).
  assert.equal(row.low, 150);
  assert.equal(row.high, 850);
});

test('size prints a readable table by default and markdown on request', () => {
  const root = project({ population: 2_400_000 }, SEGMENTS);
  const table = runSegments(['size'], root);
  assert.equal(table.status, 0);
  assert.match(table.stdout, /oslo\s+2 of 4\s+50\.0%\s+≈ 1\.2M \(0\.36M–2\.04M\)/);
  const md = runSegments(['size', '--format', 'markdown'], root);
  assert.match(md.stdout, /^### Audience sizes\n\n\| Segment \| Members \| Share \| Estimated audience \(95%\) \|\n\| --- \| ---: \| ---: \| ---: \|\n\| `oslo` \| 2 of 4 \| 50\.0% \|/);
});

test('size --format markdown is ready for a PR comment: heading, table, and what it was counted on', () => {
  const root = project({ population: 2_400_000 }, SEGMENTS);
  const md = runSegments(['size', '--format', 'markdown'], root);
  assert.equal(md.status, 0, md.stderr);
  assert.equal(
    md.stdout,
    [
      '### Audience sizes',
      '',
      '| Segment | Members | Share | Estimated audience (95%) |',
      '| --- | ---: | ---: | ---: |',
      '| `oslo` | 2 of 4 | 50.0% | ≈ 1.2M (0.36M–2.04M) |',
      '| `not_over_30` | 3 of 4 | 75.0% | ≈ 1.8M (0.72M–2.29M) |',
      '| `recent_buyers` | 1 of 4 | 25.0% | ≈ 0.6M (0.11M–1.68M) |',
      '',
      '3 segments sized on a sample of 4 profiles as of 2026-11-01; estimates for a population of 2,400,000.',
      '',
    ].join('\n'),
  );
  // Wilson 95% for 3 of 4 mirrors 1 of 4: 1 − 0.6993 and 1 − 0.0456 of 2.4M.
  // Without asOf the windows count back from today, and the line says so.
  const today = new Date().toISOString().slice(0, 10);
  const noAsOf = makeProject({ 'segments.config.json': JSON.stringify({ sample: 'users.csv' }), 'users.csv': USERS, 'a.segment': 'segment oslo {\n  include city = "Oslo"\n}\n' });
  assert.match(runSegments(['size', '--format', 'markdown'], noAsOf).stdout, new RegExp(`\\n1 segment sized on a sample of 4 profiles as of ${today} \\(today\\)\\.\\n$`));
});

test('a segment with errors gets no number, and one that depends on it waits', () => {
  const root = project({}, 'segment broken {\n  include age >\n}\nsegment uses_broken {\n  include segment broken\n}\n');
  const r = runSegments(['size', '--format', 'json'], root);
  assert.equal(r.status, 1);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.deepEqual(
    rows.map(({ problems, ...row }) => ({ ...row, problems: (problems as { code: string; line: number }[]).map((p) => `${p.code}@${p.line}`) })),
    [
      { segment: 'broken', file: 'a.segment', count: null, total: 4, errors: 1, reason: 'fix 1 error', problems: ['syntax-error@2'] },
      { segment: 'uses_broken', file: 'a.segment', count: null, total: 4, blockedBy: 'broken', reason: 'waits on `broken`, which has errors', problems: [] },
    ],
  );
  // The error itself is on stderr, rustc-style, as `check` prints it.
  assert.match(r.stderr, /^error\[syntax-error\]: .*\n --> a\.segment:2:15\n/m);
  const table = runSegments(['size'], root);
  assert.match(table.stdout, /broken\s+fix 1 error\n/);
  assert.match(table.stdout, /uses_broken\s+waits on `broken`, which has errors\n/);
});

test('--sample sizes against another profiles file', () => {
  const root = project({}, SEGMENTS);
  const other = makeProject({ 'more.csv': 'user_id,age,city\nx1,20,Oslo\nx2,20,Oslo\nx3,20,Oslo\n' });
  const r = runSegments(['size', '--sample', join(other, 'more.csv'), '--format', 'json'], root);
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { segment: string; count: number; total: number }[];
  assert.deepEqual(rows[0], { segment: 'oslo', file: 'a.segment', count: 3, total: 3, problems: [] });
});

test('no sample configured, or a missing --sample file: exit 2 with a message', () => {
  const root = makeProject({ 'segments.config.json': '{}', 'a.segment': SEGMENTS });
  const r = runSegments(['size'], root);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no sample to size against/);
  const missing = runSegments(['size', '--sample', 'nope.csv'], root);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such sample file: nope\.csv/);
});

test('the demo project sizes every segment, none empty', () => {
  const r = runSegments(['size', '--format', 'json'], join(REPO_ROOT, 'samples', 'nordic-shop'));
  assert.equal(r.status, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { count: number; total: number; estimate: number }[];
  assert.ok(rows.length >= 40);
  for (const row of rows) {
    assert.ok(row.count > 0 && row.count < row.total, JSON.stringify(row));
    assert.equal(row.total, 5000);
    assert.ok(row.estimate > 0);
  }
});

test('a JSON Lines sample with a line over 512 MB: that line is skipped with a warning, the rest is sized (issue 12, finding 3)', () => {
  const root = makeProject({
    'segments.config.json': JSON.stringify({ sample: 'users.jsonl' }),
    'a.segment': 'segment adults {\n  include age >= 18\n}\n',
  });
  const file = join(root, 'users.jsonl');
  // A sparse file: 600 MB of NUL bytes on line 2 between two real lines, without using the disk.
  writeFileSync(file, '{"user_id":"u1","age":30}\n');
  const fd = openSync(file, 'r+');
  const hole = 600 * 1024 * 1024;
  writeSync(fd, '\n{"user_id":"u2","age":12}\n', 26 + hole);
  closeSync(fd);
  const r = runSegments(['size', '--format', 'json'], root);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stderr, /internal error|Cannot create a string/);
  const [size] = JSON.parse(r.stdout) as { count: number; total: number }[];
  assert.deepEqual([size.count, size.total], [1, 2]);
  const check = runSegments(['check', '--format', 'json'], root);
  const warnings = (JSON.parse(check.stdout) as { code: string; line: number; message: string }[]).filter((d) => d.code === 'sample-bad-json-line');
  assert.deepEqual(warnings.map((d) => [d.line, d.message]), [[2, 'Line 2 is longer than 64 MB, far more than a record holds; the line is skipped.']]);
});

test('size --funnel: how many remain after each condition and the exclude, in JSON and in the table', () => {
  const root = project({}, `segment s {
  include
    age > 20
    and (city = "Oslo"
      or vip)
  exclude age > 35
}
`);
  const json = runSegments(['size', '--funnel', '--format', 'json'], root);
  assert.equal(json.status, 0, json.stderr);
  const [row] = JSON.parse(json.stdout) as { count: number; funnel: unknown[] }[];
  // age > 20: u1 u2 u4; Oslo or vip: u1 (u2 is neither, u4 has no vip); exclude age > 35: none of u1.
  assert.equal(row.count, 1);
  assert.deepEqual(row.funnel, [
    { kind: 'include', line: 3, condition: 'age > 20', remaining: 3, drop: 1, matching: 3 },
    { kind: 'include', line: 4, condition: '(city = "Oslo" or vip)', remaining: 1, drop: 2, matching: 2,
      alternatives: [{ line: 4, condition: 'city = "Oslo"', matching: 1 }, { line: 5, condition: 'vip', matching: 1 }] },
    { kind: 'exclude', line: 6, condition: 'exclude age > 35', remaining: 1, drop: 0, matching: 1 },
  ]);
  const table = runSegments(['size', '--funnel'], root);
  assert.match(table.stdout, /Funnels: profiles left after each condition\n\ns \(1 of 4\)\n  line 3 +→ 3 · 75\.0% +age > 20  −1\n/);
  assert.match(table.stdout, /or line 5: vip  \(1\)/);
  const markdown = runSegments(['size', '--funnel', '--format', 'markdown'], root);
  assert.match(markdown.stdout, /### Funnels\n\n#### `s`\n\n\| Line \| Condition \| Remaining \| Share \| Taken out \|\n\|---:\|---\|---:\|---:\|---:\|\n\| 3 \| `age > 20` \| 3 \| 75\.0% \| −1 \|/);
});

test('size: a segment being edited has no count in the CLI (exit 1), whatever the editor shows meanwhile', () => {
  const root = project({}, 'segment s {\n  include city = "Oslo" and agee > 1\n}\n');
  const r = runSegments(['size', '--format', 'json'], root);
  assert.equal(r.status, 1);
  const [row] = JSON.parse(r.stdout) as { count: number | null; reason: string; errors: number }[];
  assert.deepEqual([row.count, row.reason, row.errors], [null, 'fix 1 error', 1]);
});

test('--sample reads a pipe to its end: /dev/stdin fed by a pipe and process substitution, never "is empty" (issue 12, finding 8)', () => {
  const root = project({}, SEGMENTS);
  const bin = join(REPO_ROOT, 'bin', 'segments.js');
  const env = { ...process.env, NO_COLOR: '1' };
  const stdin = spawnSync(process.execPath, [bin, 'size', '--sample', '/dev/stdin', '--format', 'json'], { cwd: root, input: USERS, encoding: 'utf8', env });
  assert.equal(stdin.status, 0, stdin.stderr);
  const rows = JSON.parse(stdin.stdout) as { segment: string; count: number; total: number }[];
  const oslo = rows.find((r) => r.segment === 'oslo');
  assert.deepEqual([oslo?.count, oslo?.total], [2, 4]);
  const piped = spawnSync('bash', ['-c', `cat users.csv | "${process.execPath}" "${bin}" size --sample /dev/stdin --format json`], { cwd: root, encoding: 'utf8', env });
  assert.equal(piped.status, 0, piped.stderr);
  assert.equal((JSON.parse(piped.stdout) as { segment: string; count: number }[]).find((r) => r.segment === 'oslo')?.count, 2);
  const substituted = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" size --sample <(cat users.csv) --format json`], { cwd: root, encoding: 'utf8', env });
  assert.equal(substituted.status, 0, substituted.stderr);
  assert.equal((JSON.parse(substituted.stdout) as { segment: string; count: number }[]).find((r) => r.segment === 'oslo')?.count, 2);
});

test('--sample refuses a device, saying what it is, and a symlink loop says "symlink loop" (issue 12, finding 8)', () => {
  const root = project({}, SEGMENTS);
  const device = runSegments(['size', '--sample', '/dev/zero'], root);
  assert.equal(device.status, 2);
  assert.match(device.stderr, /--sample \/dev\/zero is a device \(a terminal, or a device like \/dev\/zero\); give a file, or pipe one in/);
  symlinkSync('b.csv', join(root, 'a.csv'));
  symlinkSync('a.csv', join(root, 'b.csv'));
  const loop = runSegments(['size', '--sample', 'a.csv'], root);
  assert.equal(loop.status, 2);
  assert.match(loop.stderr, /--sample a\.csv is a symlink loop/);
});

test('a config naming a named pipe as its sample is an error saying so, and nothing hangs (issue 12, finding 8)', () => {
  const root = project({ sample: 'pipe.csv' }, SEGMENTS);
  execFileSync('mkfifo', [join(root, 'pipe.csv')]);
  const r = runSegments(['check', '--format', 'json'], root);
  assert.equal(r.status, 1);
  const messages = (JSON.parse(r.stdout) as { code: string; message: string }[]).map((d) => `${d.code}: ${d.message}`);
  assert.ok(messages.some((m) => /^config-missing-file: `sample` must name a file, but .*pipe\.csv is a named pipe \(FIFO\)$/.test(m)), messages.join('\n'));
});
