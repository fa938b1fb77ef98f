// A throwaway PostgreSQL server for tests: a fresh cluster in a temp folder,
// listening on 127.0.0.1 only, on a free port, with durability switched off for
// speed. Uses the server binaries of Debian's `postgresql` package (CI installs
// it with apt-get in .ci/run) and talks to the server with the `pg` client.
//
// Missing binaries are an error, never a silent skip: a test that proves the
// generated SQL on PostgreSQL must not pass without running it.
//
// PostgreSQL refuses to run as root, so when the tests run as root the server
// commands run as the `postgres` system user the package creates, and the temp
// folder is handed to that user.
//
// The cluster's default collation is ICU `en-US` and its time zone far from
// UTC on purpose: the compiled queries must not depend on either (text order
// comes from `COLLATE "C"`, dates from timestamps without time zone).
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const DEBIAN_ROOT = '/usr/lib/postgresql';
const SERVER_USER = 'postgres';
/** UTC+14: far from UTC, so a query that depends on the session time zone shows it. */
export const TEST_TIME_ZONE = 'Pacific/Kiritimati';

export interface PostgresServer {
  host: string;
  port: number;
  /** Major version of the server binaries used (`15`). */
  version: string;
  /** One connection, as the superuser, to the `postgres` database. */
  client: pg.Client;
  /** A folder the server process can read: files for server-side `COPY … FROM 'file'` go here. */
  stagingDir: string;
  /** Closes the connection, stops the server and deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** The newest `/usr/lib/postgresql/<version>/bin` holding the server binaries, or an Error saying what to install. */
export function findPostgresBin(): { binDir: string; version: string } {
  const versions = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(DEBIAN_ROOT, v, 'bin', 'initdb')) && existsSync(join(DEBIAN_ROOT, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL server binaries not found (looked for ${DEBIAN_ROOT}/<version>/bin/initdb and pg_ctl). ` +
        'These tests run the generated SQL on a real PostgreSQL server: install it with `apt-get install postgresql` ' +
        '(CI does so in .ci/run).',
    );
  }
  return { binDir: join(DEBIAN_ROOT, versions[0], 'bin'), version: versions[0] };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The command line for a server binary: as the `postgres` user when we are root. */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', SERVER_USER, '--', binary, ...args]] : [binary, args];
}

function run(binary: string, args: string[], timeoutMs: number): Promise<string> {
  const [cmd, argv] = asServerUser(binary, args);
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${[binary, ...args].join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function serverUserIds(): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', SERVER_USER], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', SERVER_USER], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) {
    throw new Error(
      `running as root (${userInfo().username}), but there is no "${SERVER_USER}" system user to run PostgreSQL as ` +
        '(PostgreSQL refuses to run as root; the Debian package creates that user).',
    );
  }
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Starts a fresh cluster and connects to it. Throws (with the server's log) when it cannot. */
export async function startPostgres(): Promise<PostgresServer> {
  const { binDir, version } = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'segments-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const pgCtl = join(binDir, 'pg_ctl');
  let started = false;

  // Synchronous, so it also runs from a process 'exit' handler when a test run dies early.
  const stopNow = () => {
    // postmaster.pid also covers a server that came up after pg_ctl gave up waiting.
    if (started || existsSync(join(dataDir, 'postmaster.pid'))) {
      const [cmd, argv] = asServerUser(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30']);
      spawnSync(cmd, argv, { stdio: 'ignore' });
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopNow);

  try {
    chmodSync(dir, 0o755);
    if (isRoot()) {
      const { uid, gid } = serverUserIds();
      chownSync(dir, uid, gid);
    }
    await run(
      join(binDir, 'initdb'),
      [
        '-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C.UTF-8',
        // ICU as the default collation needs PostgreSQL 15; older servers keep C.UTF-8.
        ...(Number(version) >= 15 ? ['--locale-provider=icu', '--icu-locale=en-US'] : []),
      ],
      120_000,
    );
    // A port found free can be taken before the server binds it: try a few.
    let lastError: unknown;
    let port = 0;
    for (let attempt = 0; attempt < 3 && !started; attempt++) {
      port = await freePort();
      const options = [
        `-c listen_addresses=127.0.0.1`,
        `-c port=${port}`,
        `-c unix_socket_directories=${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        `-c timezone=${TEST_TIME_ZONE}`,
      ].join(' ');
      try {
        await run(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options], 90_000);
        started = true;
      } catch (e) {
        lastError = e;
      }
    }
    if (!started) throw lastError;

    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    // An idle client emits 'error' when the server goes away; the test reports query failures itself.
    client.on('error', () => {});
    await client.connect();

    let stopped = false;
    return {
      host: '127.0.0.1',
      port,
      version,
      client,
      stagingDir: dir,
      async stop() {
        if (stopped) return;
        stopped = true;
        await client.end().catch(() => {});
        stopNow();
        process.off('exit', stopNow);
      },
    };
  } catch (e) {
    const log = existsSync(logFile) ? `\nserver log:\n${readFileSync(logFile, 'utf8')}` : '';
    stopNow();
    process.off('exit', stopNow);
    throw new Error(`could not start a PostgreSQL ${version} test server: ${e instanceof Error ? e.message : String(e)}${log}`);
  }
}
