// The sample cache as a user meets it through the CLI: the second run reads
// it, `--no-cache` and `"cache": false` leave it alone, and several `segments`
// processes started at once (as parallel CI jobs do) all print the same right
// answer while they write and read the same cache file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, REPO_ROOT, runSegments, type CliRun } from '../support/cli';

const BIN = join(REPO_ROOT, 'bin', 'segments.js');
const CITIES = ['Oslo', 'Bergen', 'Stockholm', 'Göteborg', 'Tromsø'];

/** `rows` profiles, deterministic; `shift` changes every age (a new version of the sample). */
function users(rows: number, shift = 0): string {
  const lines = ['user_id,age,city,vip,interests'];
  for (let i = 0; i < rows; i++) lines.push(`u${i},${18 + ((i * 7 + shift) % 60)},${CITIES[i % 5]},${i % 3 === 0},${i % 4 === 0 ? 'sport;travel' : 'sport'}`);
  return lines.join('\n') + '\n';
}

const SEGMENTS = 'segment older {\n  include age >= 50\n}\nsegment oslo_vip {\n  include city = "Oslo" and vip and interests contains "travel"\n}\n';

function expected(rows: number, shift = 0): { older: number; oslo_vip: number } {
  let older = 0;
  let osloVip = 0;
  for (let i = 0; i < rows; i++) {
    if (18 + ((i * 7 + shift) % 60) >= 50) older++;
    if (i % 5 === 0 && i % 3 === 0 && i % 4 === 0) osloVip++;
  }
  return { older, oslo_vip: osloVip };
}

function project(rows: number, config: Record<string, unknown> = {}): string {
  return makeProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv', asOf: '2026-11-01', ...config }),
    'users.csv': users(rows),
    'a.segment': SEGMENTS,
  });
}

function countsOf(run: CliRun): Record<string, number> {
  assert.equal(run.status, 0, run.stderr);
  return Object.fromEntries((JSON.parse(run.stdout) as { segment: string; count: number }[]).map((r) => [r.segment, r.count]));
}

function cacheFiles(root: string): string[] {
  const dir = join(root, '.segments-cache');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f !== '.gitignore') : [];
}

test('the first run writes the cache, the next reads it back and prints the same', () => {
  const root = project(2000);
  const first = runSegments(['size', '--format', 'json', '--timings'], root);
  assert.match(first.stderr, /cache: absent, so the sample is parsed/);
  assert.match(first.stderr, /cache: wrote .*\.segments-cache/);
  const second = runSegments(['size', '--format', 'json', '--timings'], root);
  assert.match(second.stderr, /cache: used .*\.segments-cache/);
  assert.doesNotMatch(second.stderr, /\n\s+profiles\s/, 'the profiles were not parsed');
  assert.equal(second.stdout, first.stdout);
  assert.deepEqual(countsOf(second), expected(2000));
  // `check` and `sql` use the same cache.
  assert.match(runSegments(['check', '--timings'], root).stderr, /cache: used/);
  assert.match(runSegments(['sql', '--dialect', 'duckdb', '--timings'], root).stderr, /cache: used/);
  assert.equal(cacheFiles(root).length, 1);
});

test('--no-cache parses the sample and leaves the cache folder as it is', () => {
  const root = project(500);
  const plain = runSegments(['size', '--format', 'json', '--no-cache', '--timings'], root);
  assert.deepEqual(countsOf(plain), expected(500));
  assert.doesNotMatch(plain.stderr, /cache:/);
  assert.equal(existsSync(join(root, '.segments-cache')), false);
  runSegments(['size'], root);
  const [file] = cacheFiles(root);
  const before = statSync(join(root, '.segments-cache', file)).mtimeMs;
  writeFileSync(join(root, 'users.csv'), users(500, 3));
  assert.deepEqual(countsOf(runSegments(['size', '--format', 'json', '--no-cache'], root)), expected(500, 3));
  assert.equal(statSync(join(root, '.segments-cache', file)).mtimeMs, before, 'the stale cache is not rewritten by --no-cache');
  for (const command of [['check'], ['sql', '--dialect', 'postgres']]) {
    const other = project(100);
    runSegments([...command, '--no-cache'], other);
    assert.equal(existsSync(join(other, '.segments-cache')), false, command.join(' '));
  }
});

test('"cache": false in segments.config.json turns it off; a value that is not true or false is an error', () => {
  const root = project(300, { cache: false });
  assert.deepEqual(countsOf(runSegments(['size', '--format', 'json'], root)), expected(300));
  assert.equal(existsSync(join(root, '.segments-cache')), false);
  const wrong = project(10, { cache: 'no' });
  const check = runSegments(['check'], wrong);
  assert.equal(check.status, 1);
  assert.match(check.stdout, /`cache` must be `true` or `false`, not a string/);
});

/** Starts `segments` with a delay, resolving with what it printed. */
function later(delayMs: number, args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
    }, delayMs);
  });
}

test('processes racing on one cache: every one prints the right counts, and one whole cache file stays', async () => {
  const rows = 60_000;
  const root = project(rows);
  const race = async (shift: number) => {
    // Staggered starts: some processes parse while others have already renamed their cache into place and others read it.
    const runs = await Promise.all([0, 0, 30, 60, 120, 200].map((delay) => later(delay, ['size', '--format', 'json', '--timings'], root)));
    for (const run of runs) assert.deepEqual(countsOf(run), expected(rows, shift));
    return runs;
  };
  const first = await race(0);
  assert.ok(first.some((r) => /cache: wrote/.test(r.stderr)), 'somebody wrote the cache');
  assert.deepEqual(cacheFiles(root).length, 1, `one cache file, no temporary files left: ${cacheFiles(root).join(', ')}`);
  assert.match(runSegments(['size', '--timings'], root).stderr, /cache: used/);

  // A new sample while the old cache is in place: every racer sees the new data.
  writeFileSync(join(root, 'users.csv'), users(rows, 11));
  await race(11);
  assert.equal(cacheFiles(root).length, 1);
  const settled = runSegments(['size', '--format', 'json', '--timings'], root);
  assert.match(settled.stderr, /cache: used/);
  assert.deepEqual(countsOf(settled), expected(rows, 11));
});
