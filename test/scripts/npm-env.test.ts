// Nested npm commands start without the outer npm's variables: code-server's
// install script read the outer `npm_config_user_agent` (node/v20) and refused
// to install under Node 24.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npmFreeEnv } from '../../scripts/npm-env.mjs';

test('npm_* variables, NODE and INIT_CWD are left out; everything else is kept', () => {
  const outer = {
    PATH: '/usr/bin',
    HOME: '/home/ana',
    CI: 'true',
    NODE: '/usr/bin/node',
    INIT_CWD: '/work/repo',
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_config_local_prefix: '/work/repo',
    NPM_CONFIG_CACHE: '/tmp/cache',
    npm_lifecycle_event: 'test:e2e',
    npm_package_json: '/work/repo/package.json',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  };
  assert.deepEqual(npmFreeEnv(outer), { PATH: '/usr/bin', HOME: '/home/ana', CI: 'true' });
});

test('by default it reads this process environment', () => {
  const clean = npmFreeEnv();
  assert.equal(clean.PATH, process.env.PATH);
  assert.ok(Object.keys(clean).every((k) => !/^npm_/i.test(k)));
});
