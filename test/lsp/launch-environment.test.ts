// The environment the VS Code client starts the server with: glibc's allocator
// settings for big samples, never overriding what the user's environment sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SERVER_ALLOCATOR_ENVIRONMENT, serverEnvironment } from '../../server/src/lsp/launch-environment';
import { makeTinyProject, removeProject, startServer } from './support';

test('the allocator variables are added, and values the environment already has win', () => {
  const env = serverEnvironment({ PATH: '/bin', MALLOC_ARENA_MAX: '8' });
  assert.equal(env.PATH, '/bin');
  assert.equal(env.MALLOC_ARENA_MAX, '8');
  assert.equal(env.MALLOC_MMAP_THRESHOLD_, SERVER_ALLOCATOR_ENVIRONMENT.MALLOC_MMAP_THRESHOLD_);
  assert.deepEqual(Object.keys(SERVER_ALLOCATOR_ENVIRONMENT).sort(), ['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']);
});

test('a server started as the client starts it runs with them; a bare start without', async () => {
  const project = makeTinyProject();
  const environ = (pid: number) => new Set(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0'));
  const started = await startServer({ root: project.root });
  const bare = await startServer({ root: project.root, bareEnvironment: true });
  try {
    const withVars = environ(started.child.pid!);
    for (const [name, value] of Object.entries(SERVER_ALLOCATOR_ENVIRONMENT)) {
      if (process.env[name] === undefined) assert.ok(withVars.has(`${name}=${value}`), `${name} is set`);
    }
    const without = environ(bare.child.pid!);
    for (const name of Object.keys(SERVER_ALLOCATOR_ENVIRONMENT)) {
      if (process.env[name] === undefined) assert.ok(![...without].some((v) => v.startsWith(`${name}=`)), `${name} is not set`);
    }
  } finally {
    await started.stop();
    await bare.stop();
    removeProject(project.root);
  }
});
