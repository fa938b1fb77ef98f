// Special files (issue 12, finding 8): the loaders open only regular files
// (a named pipe would block until a writer comes; a device may never end),
// say "symlink loop" for one, and read a pipe the user passes as a stream.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileByteSource, readStreamIntoMemory } from '../../../server/src/core/sample/byte-source';
import { loadSample } from '../../../server/src/core/sample/load-sample';

const folder = realpathSync(mkdtempSync(join(tmpdir(), 'segments-special-')));
after(() => rmSync(folder, { recursive: true, force: true }));

test('a named pipe, a device and a symlink loop as the sample: an error saying which, at once, never a hang', () => {
  const pipe = join(folder, 'users.csv');
  execFileSync('mkfifo', [pipe]);
  symlinkSync('loop-b.csv', join(folder, 'loop-a.csv'));
  symlinkSync('loop-a.csv', join(folder, 'loop-b.csv'));
  const message = (path: string) => {
    const { store, diagnostics } = loadSample({ profilesPath: path, idColumn: 'user_id' });
    assert.equal(store, undefined);
    return diagnostics.map((d) => `${d.code}: ${d.message}`);
  };
  assert.deepEqual(message(pipe), [`sample-file-unreadable: The profile sample \`${pipe}\` cannot be read: it is a named pipe (FIFO) (only \`segments size --sample\` reads a pipe).`]);
  assert.deepEqual(message('/dev/zero'), ['sample-file-unreadable: The profile sample `/dev/zero` cannot be read: it is a device.']);
  assert.deepEqual(message(join(folder, 'loop-a.csv')), [
    `sample-file-unreadable: The profile sample \`${join(folder, 'loop-a.csv')}\` cannot be read: it is a symlink loop (a link that leads back to itself).`,
  ]);
  assert.throws(() => fileByteSource(pipe), /is a named pipe/);
});

test('a pipe read into memory is then read like a file, as often as the loader needs', async () => {
  const pipe = join(folder, 'fed.csv');
  execFileSync('mkfifo', [pipe]);
  // A writer in another process, as a shell's process substitution would be.
  const writer = spawn('sh', ['-c', `printf 'user_id,age\\nu1,30\\nu2,41\\n' > '${pipe}'`]);
  const problem = readStreamIntoMemory(pipe, 1024 * 1024);
  await new Promise((done) => writer.on('exit', done));
  assert.equal(problem, undefined);
  const { store, diagnostics } = loadSample({ profilesPath: pipe, idColumn: 'user_id' });
  assert.deepEqual(diagnostics, []);
  assert.equal(store?.profiles.count, 2);
  assert.deepEqual(readStreamIntoMemory(join(folder, 'missing.csv'), 10), { kind: 'not-a-stream' });
});

test('a pipe that gives more than the memory budget stops, keeping nothing', async () => {
  const pipe = join(folder, 'big.csv');
  execFileSync('mkfifo', [pipe]);
  const writer = spawn('sh', ['-c', `head -c 300000 /dev/zero > '${pipe}'`]);
  const problem = readStreamIntoMemory(pipe, 100_000);
  writer.kill();
  await new Promise((done) => writer.on('exit', done));
  assert.deepEqual(problem, { kind: 'too-large', limitBytes: 100_000 });
});
