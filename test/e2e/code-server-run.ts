// The editor tests in a real VS Code on a machine that cannot download one:
// code-server (from the e2e tool cache, under Node 24) plus Debian's chromium
// driven by playwright-core. Three parts, each with its own time limit:
//   grammar  the TextMate grammar tokenised by VS Code's own engine
//   dev      the full suite, extension loaded from this repository
//   vsix     the VSIX installed with --install-extension, a smoke suite
// Prints `N passed, N failed`, keeps screenshots (and, on failure, VS Code's
// logs) under .test-artifacts/, exits 1 when anything failed.
//
//   node --import tsx test/e2e/code-server-run.ts [--only grammar,dev,vsix] [--keep]
// Needs `npm run build` (and `npm run package` for vsix) first; `npm run test:e2e` does all.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureCache } from '../../scripts/e2e/cache.mjs';
import { runInBrowser } from './driver/browser-run';
import { buildTests } from './driver/build-tests';
import { isolatedEnv, startCodeServer } from './driver/code-server';
import { checkGrammar } from './grammar-check';
import { RESULT_MARKER, type SuiteResult } from './mocha-run';

const root = resolve(import.meta.dirname, '..', '..');
const artifacts = join(root, '.test-artifacts');
const args = process.argv.slice(2);
const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '').split(',') : ['grammar', 'dev', 'vsix'];
const keep = args.includes('--keep');
const PHASE_TIMEOUT_MS = Number(process.env.SEGMENTS_E2E_TIMEOUT_MS ?? 240_000);

interface PhaseOutcome {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
  problem?: string;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function editorPhase(
  name: 'dev' | 'vsix',
  tools: ReturnType<typeof ensureCache>,
  scratchRoot: string,
  workspaceSource: string,
  runners: { suiteRunner: string; smokeRunner: string },
): Promise<PhaseOutcome> {
  const started = Date.now();
  const scratch = join(scratchRoot, name);
  const workspace = join(scratch, 'workspace', 'nordic-shop');
  const extensionsDir = join(scratch, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  cpSync(workspaceSource, workspace, { recursive: true });

  let extensionDevelopmentPath = root;
  let testsPath = runners.suiteRunner;
  if (name === 'vsix') {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
    const vsix = join(root, `${pkg.name}-${pkg.version}.vsix`);
    if (!existsSync(vsix)) return { name, passed: 0, failed: 1, seconds: 0, problem: `${vsix} is missing: run npm run package first` };
    execFileSync(tools.node24, [tools.codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', join(scratch, 'user-data'), '--install-extension', vsix], {
      env: isolatedEnv(scratch),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    // The installed copy is what runs; a development path must still be given (else the run hangs), so an empty one.
    extensionDevelopmentPath = join(scratch, 'no-extension');
    mkdirSync(extensionDevelopmentPath, { recursive: true });
    testsPath = runners.smokeRunner;
  }

  const server = await startCodeServer({ node24: tools.node24, entry: tools.codeServerEntry, scratch, workspace, extensionsDir });
  let result: SuiteResult | undefined;
  let outcome: PhaseOutcome;
  try {
    say(`[${name}] code-server on ${server.origin} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const run = await runInBrowser({
      chromium: tools.chromium,
      origin: server.origin,
      workspace,
      extensionDevelopmentPath,
      extensionTestsPath: testsPath,
      artifacts,
      name,
      timeoutMs: PHASE_TIMEOUT_MS,
      onLine: (line, echo) => {
        const at = line.indexOf(RESULT_MARKER);
        if (at >= 0) result = JSON.parse(line.slice(at + RESULT_MARKER.length)) as SuiteResult;
        else if (echo) say(`[${name}] ${line}`);
      },
    });
    for (const shot of run.screenshots) say(`[${name}] screenshot ${shot}`);
    const passed = result?.passed ?? 0;
    const failed = result?.failed ?? (run.exitCode === 0 ? 0 : 1);
    const problem = run.timedOut
      ? `no result within ${PHASE_TIMEOUT_MS / 1000} s`
      : run.exitCode !== 0
        ? `VS Code reported exit code ${run.exitCode}`
        : !result
          ? 'the suite printed no result'
          : undefined;
    outcome = { name, passed, failed: problem && failed === 0 ? 1 : failed, seconds: 0, problem };
    for (const f of result?.failures ?? []) say(`[${name}] FAILED ${f.title}\n${f.message}`);
  } catch (e) {
    outcome = { name, passed: 0, failed: 1, seconds: 0, problem: e instanceof Error ? e.message : String(e) };
  } finally {
    await server.stop();
  }
  if (outcome.failed > 0) {
    // VS Code's own logs (extension host, language client) are what explain a failure.
    const logs = join(artifacts, `${name}-logs`);
    rmSync(logs, { recursive: true, force: true });
    if (existsSync(join(server.userDataDir, 'logs'))) cpSync(join(server.userDataDir, 'logs'), logs, { recursive: true });
    cpSync(server.logFile, join(logs, 'code-server.log'));
    say(`[${name}] logs kept in ${logs}`);
  }
  outcome.seconds = (Date.now() - started) / 1000;
  return outcome;
}

async function main(): Promise<number> {
  const started = Date.now();
  mkdirSync(artifacts, { recursive: true });
  const tools = ensureCache();
  for (const bundle of ['dist/client.js', 'dist/server.js']) {
    if (!existsSync(join(root, bundle))) throw new Error(`${bundle} is missing: run npm run build first`);
  }
  const runners = await buildTests(root);
  const scratchRoot = mkdtempSync(join(tmpdir(), 'segments-e2e-'));
  const outcomes: PhaseOutcome[] = [];
  try {
    if (only.includes('grammar')) {
      const t = Date.now();
      const g = await checkGrammar(root, tools.codeServerEntry, say);
      outcomes.push({ name: 'grammar', passed: g.passed, failed: g.failed, seconds: (Date.now() - t) / 1000 });
    }
    for (const phase of ['dev', 'vsix'] as const) {
      if (!only.includes(phase)) continue;
      try {
        outcomes.push(await editorPhase(phase, tools, scratchRoot, join(root, 'samples', 'nordic-shop'), runners));
      } catch (e) {
        outcomes.push({ name: phase, passed: 0, failed: 1, seconds: 0, problem: e instanceof Error ? e.message : String(e) });
      }
    }
  } finally {
    if (keep) say(`scratch kept in ${scratchRoot}`);
    else rmSync(scratchRoot, { recursive: true, force: true });
  }
  for (const o of outcomes) {
    say(`${o.name}: ${o.passed} passed, ${o.failed} failed (${o.seconds.toFixed(1)} s)${o.problem ? ` — ${o.problem}` : ''}`);
  }
  const passed = outcomes.reduce((n, o) => n + o.passed, 0);
  const failed = outcomes.reduce((n, o) => n + o.failed, 0);
  say(`${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    say(`e2e setup failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
