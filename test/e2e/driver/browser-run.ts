// Opens code-server's workbench in Debian's chromium (driven by
// playwright-core, never a downloaded browser) with a test payload, relays the
// extension host's console, takes the screenshots the tests ask for, and
// returns when VS Code calls `codeAutomationExit` or the time limit passes.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium as playwright, type ConsoleMessage, type Frame, type Page } from 'playwright-core';

export interface BrowserRunOptions {
  chromium: string;
  origin: string;
  workspace: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  artifacts: string;
  /** Prefix of this run's artifact files. */
  name: string;
  timeoutMs: number;
  /** Every console message; `echo` when it is worth showing (test output, real errors), not workbench chatter. */
  onLine(line: string, echo: boolean): void;
}

export interface BrowserRunResult {
  /** What VS Code reported (0 passed, 1 failed); undefined when it never reported. */
  exitCode: number | undefined;
  timedOut: boolean;
  consoleLog: string;
  screenshots: string[];
}

export const SCREENSHOT_MARKER = 'SEGMENTS_E2E_SCREENSHOT';
/** `SEGMENTS_E2E_DRIVER {json}`: a test in the extension host asks the driver to look at or act on the page (see driverRequest). */
export const DRIVER_MARKER = 'SEGMENTS_E2E_DRIVER';

/** What a test can ask of the page; the answer is written as JSON to `reply`. */
export type DriverRequest =
  /** The insight panel's page: every `[data-testid]` element's text (and `data-segment`), and the classes of `main#app`. */
  | { op: 'webview'; reply: string }
  /** Click the first element matching `selector` whose text contains `hasText`. */
  | { op: 'click'; selector: string; hasText?: string; reply: string }
  /** Scroll the insight panel's page so that the element matching `selector` is at the top. */
  | { op: 'scroll'; selector: string; reply: string }
  /** Click, with the mouse, the first element of the insight panel's page matching `selector` (shadow DOM included) whose text contains `hasText`. */
  | { op: 'webviewClick'; selector: string; hasText?: string; reply: string }
  /** The value of a JavaScript expression evaluated in the insight panel's page. */
  | { op: 'webviewEval'; expression: string; reply: string }
  /** Press keys on the keyboard, one after the other, as a user would (to whatever has the focus). */
  | { op: 'press'; keys: string[]; reply: string }
  /** Type text on the keyboard. */
  | { op: 'type'; text: string; reply: string }
  /** Press Tab up to `max` times; after each, what has the focus in the insight panel's page (see FOCUSED); stops at `until`. */
  | { op: 'tabUntil'; until: string; max: number; reply: string }
  /** The browser console's lines so far (every frame's, the webviews' included) that match `pattern`. */
  | { op: 'console'; pattern: string; reply: string };

export interface WebviewSnapshot {
  found: boolean;
  appClass: string;
  items: { id: string; text: string; segment?: string }[];
}

/** Runs in the page (a string: the repository's type check has no DOM types). */
const WEBVIEW_SNAPSHOT = `(() => {
  const app = document.querySelector('main#app');
  if (!app) return undefined;
  const items = [...document.querySelectorAll('[data-testid]')].map((e) => ({ id: e.dataset.testid || '', text: (e.textContent || '').trim(), segment: e.dataset.segment }));
  return { found: true, appClass: app.className, items };
})()`;

/** What has the focus in the insight panel's page, named as a user would find it: its test id, else its label or title, else its text. */
const FOCUSED = `(() => {
  const a = document.activeElement;
  if (!a || a === document.body || !document.querySelector('main#app')) return '';
  return a.dataset.testid || a.getAttribute('aria-label') || a.getAttribute('title') || (a.tagName.toLowerCase() + ':' + (a.textContent || '').trim().slice(0, 40));
})()`;

/** The frame of the insight panel's page (the webview's innermost frame, the one holding main#app). */
async function webviewFrame(page: Page): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    const found = await frame.evaluate<boolean>('Boolean(document.querySelector("main#app"))').catch(() => false);
    if (found) return frame;
  }
  return undefined;
}

async function answer(page: Page, request: DriverRequest, consoleLines: readonly string[]): Promise<unknown> {
  switch (request.op) {
    case 'webviewClick': {
      const frame = await webviewFrame(page);
      if (!frame) return { error: 'no insight panel' };
      await frame.locator(request.selector, request.hasText ? { hasText: request.hasText } : {}).first().click({ timeout: 10_000 });
      return { clicked: true };
    }
    case 'webviewEval': {
      const frame = await webviewFrame(page);
      if (!frame) return { error: 'no insight panel' };
      return { value: await frame.evaluate<unknown>(request.expression) };
    }
    case 'press':
      for (const key of request.keys) {
        await page.keyboard.press(key);
        await page.waitForTimeout(80);
      }
      return { pressed: request.keys.length };
    case 'type':
      await page.keyboard.type(request.text, { delay: 20 });
      return { typed: request.text.length };
    case 'tabUntil': {
      const focused: string[] = [];
      for (let i = 0; i < request.max; i++) {
        await page.keyboard.press('Tab');
        await page.waitForTimeout(50);
        const frame = await webviewFrame(page);
        const now = frame ? await frame.evaluate<string>(FOCUSED).catch(() => '') : '';
        focused.push(now);
        if (now === request.until) break;
      }
      return { focused };
    }
    case 'console': {
      const pattern = new RegExp(request.pattern);
      // The driver's own requests are console lines too: they are left out.
      return { lines: consoleLines.filter((l) => !l.includes(DRIVER_MARKER) && pattern.test(l)) };
    }
    case 'webview': {
      for (const frame of page.frames()) {
        const snapshot = await frame
          .evaluate<WebviewSnapshot | undefined>(WEBVIEW_SNAPSHOT)
          .catch(() => undefined);
        if (snapshot) return snapshot;
      }
      return { found: false, appClass: '', items: [] } satisfies WebviewSnapshot;
    }
    case 'scroll': {
      for (const frame of page.frames()) {
        const done = await frame
          .evaluate<boolean, string>((selector) => {
            const d = (globalThis as unknown as { document: { querySelector(s: string): { scrollIntoView(): void } | null } }).document;
            const target = d.querySelector(selector);
            if (!target || !d.querySelector('main#app')) return false;
            target.scrollIntoView();
            return true;
          }, request.selector)
          .catch(() => false);
        if (done) return { scrolled: true };
      }
      return { error: `no ${request.selector} in the insight panel` };
    }
    case 'click': {
      const target = page.locator(request.selector, request.hasText ? { hasText: request.hasText } : {}).first();
      try {
        await target.click({ timeout: 10_000 });
      } catch (e) {
        // What could have been clicked, to fix the selector.
        const labels = await page.locator('[aria-label]').evaluateAll((es) => es.map((x) => `${x.className} [${x.getAttribute('aria-label')}]`)).catch(() => []);
        return { error: `${e instanceof Error ? e.message : String(e)}\nelements with a label: ${labels.slice(0, 200).join('\n')}` };
      }
      return { clicked: true };
    }
  }
}

const NOISE = [
  /vsda/,
  /sandbox/i,
  /\bCanceled\b/,
  /ECONNRESET/,
  /watcher/i,
  /favicon/,
  /Failed to load resource/,
  /An iframe which has both allow-scripts/,
  /web worker extension host/,
  /authentication provider/,
  /No search provider registered/,
];

/** Mocha's spec reporter indents its lines (or prints blank ones); the workbench's own INFO lines do not. */
function worthShowing(type: string, text: string): boolean {
  if (type === 'error' || type === 'warning') return !NOISE.some((n) => n.test(text));
  return /^(INFO )?(\s|$)/.test(text) || /^(INFO )?\d+ (passing|failing|pending)/.test(text);
}

/** Extension-host logs arrive as `["%c INFO", "color: …", format, …args]`; this makes them one line. */
function consoleText(values: unknown[], fallback: string): string {
  if (values.length === 0) return fallback;
  let rest = values;
  if (typeof rest[0] === 'string' && rest[0].includes('%c')) {
    const styles = (rest[0].match(/%c/g) ?? []).length;
    const prefix = rest[0].replaceAll('%c', '').trim();
    rest = rest.slice(1 + styles);
    const text = rest.length > 0 ? format(...(rest as [unknown, ...unknown[]])) : '';
    return prefix ? `${prefix} ${text}` : text;
  }
  return format(...(rest as [unknown, ...unknown[]]));
}

export async function runInBrowser(o: BrowserRunOptions): Promise<BrowserRunResult> {
  const browser = await playwright.launch({
    executablePath: o.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const lines: string[] = [];
  const screenshots: string[] = [];
  let pendingShots: Promise<unknown> = Promise.resolve();
  try {
    // Clipboard permissions: VS Code's clipboard in a browser is the browser's (the insight panel's Copy SQL is tested through it).
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    let finish!: (code: number) => void;
    const finished = new Promise<number>((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    page.on('console', (msg: ConsoleMessage) => {
      void (async () => {
        const values = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '[unserialisable]')));
        const text = consoleText(values, msg.text());
        lines.push(`[${msg.type()}] ${text}`);
        const marker = text.indexOf(SCREENSHOT_MARKER);
        if (marker >= 0) {
          const shot = join(o.artifacts, `${text.slice(marker + SCREENSHOT_MARKER.length).trim() || o.name}.png`);
          pendingShots = pendingShots.then(() => page.screenshot({ path: shot }).then(() => screenshots.push(shot), (e) => o.onLine(`screenshot failed: ${String(e)}`, true)));
        }
        const request = text.indexOf(DRIVER_MARKER);
        if (request >= 0) {
          const parsed = JSON.parse(text.slice(request + DRIVER_MARKER.length)) as DriverRequest;
          const result = await answer(page, parsed, lines).catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }));
          // Written whole, then renamed: the suite polls for the file and must never read half an answer.
          writeFileSync(`${parsed.reply}.part`, JSON.stringify(result));
          renameSync(`${parsed.reply}.part`, parsed.reply);
        }
        const echo = worthShowing(msg.type(), text);
        for (const line of text.split('\n')) o.onLine(line.replace(/^INFO /, ''), echo);
      })();
    });
    page.on('pageerror', (e) => lines.push(`[pageerror] ${e.stack ?? e.message}`));

    const remote = (path: string): string => `vscode-remote://${new URL(o.origin).host}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(o.extensionTestsPath)],
    ];
    const url = `${o.origin}/?folder=${encodeURIComponent(o.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    if (response?.status() !== 200) throw new Error(`the workbench page answered ${response?.status()} (a setup problem, not a test failure)`);

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), o.timeoutMs)));
    const outcome = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    await pendingShots;
    if (outcome === 'timeout') {
      const shot = join(o.artifacts, `${o.name}-timeout.png`);
      await page.screenshot({ path: shot }).then(() => screenshots.push(shot), () => undefined);
    }
    return { exitCode: outcome === 'timeout' ? undefined : outcome, timedOut: outcome === 'timeout', consoleLog: lines.join('\n'), screenshots };
  } finally {
    writeFileSync(join(o.artifacts, `${o.name}-console.log`), lines.join('\n') + '\n');
    await browser.close().catch(() => undefined);
  }
}
