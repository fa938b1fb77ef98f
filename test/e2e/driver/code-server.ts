// Starts code-server (VS Code's server and workbench, from the e2e tool cache)
// under Node 24, detached in its own process group, with every home and cache
// folder inside a scratch folder, and stops the whole group.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  // VS Code for the web saves edited files after a delay by default. The suites edit the demo
  // without saving (they revert), and some run the CLI on the files as they are on disk.
  'files.autoSave': 'off',
};

export interface CodeServer {
  port: number;
  origin: string;
  userDataDir: string;
  logFile: string;
  /** Why it ended early, if it did. */
  exited(): string | undefined;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  node24: string;
  entry: string;
  scratch: string;
  workspace: string;
  extensionsDir: string;
}

export function isolatedEnv(scratch: string): NodeJS.ProcessEnv {
  const home = join(scratch, 'home');
  const dirs = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), XDG_CACHE_HOME: join(home, '.cache'), XDG_RUNTIME_DIR: join(scratch, 'run'), TMPDIR: join(scratch, 'tmp') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
  // No extension gallery is reachable; an empty one keeps VS Code from trying.
  return { ...process.env, ...dirs, EXTENSIONS_GALLERY: '{}' };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(5000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

export async function startCodeServer(o: CodeServerOptions, timeoutMs = 90_000): Promise<CodeServer> {
  const port = await freePort();
  const userDataDir = join(o.scratch, 'user-data');
  const logFile = join(o.scratch, 'code-server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  // A plain editor: no welcome page or chat panel taking room from the screenshots.
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  const log = openSync(logFile, 'a');
  const args = [
    o.entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Without it the workbench ignores the test payload and the run hangs.
    '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', userDataDir,
    '--extensions-dir', o.extensionsDir,
    o.workspace,
  ];
  const child: ChildProcess = spawn(o.node24, args, { detached: true, stdio: ['ignore', log, log], env: isolatedEnv(o.scratch) });
  let exitReason: string | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitReason = `code-server exited (${signal ?? `code ${code}`}); see ${logFile}`;
      resolve();
    });
  });
  const stop = async (): Promise<void> => {
    if (exitReason || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const killed = await Promise.race([exitedPromise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    if (!killed) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exitedPromise;
    }
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline && !exitReason) {
    // `/` redirects to the folder given on the command line; /healthz answers 200 once the server is up.
    status = await httpStatus(`${origin}/healthz`);
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (status !== 200) {
    const why = exitReason ?? `http ${status || 'no answer'} from ${origin}/healthz after ${timeoutMs} ms; see ${logFile}`;
    await stop();
    throw new Error(`code-server did not come up: ${why}`);
  }
  return { port, origin, userDataDir, logFile, exited: () => exitReason, stop };
}
