// Small helpers for the suites that run inside VS Code's extension host.
// Mocha (tdd ui) defines `suite`/`test` as globals when it loads a file; they
// are reached through typed wrappers so the repository's type check does not
// need mocha's global types.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SegmentsApi } from '../../client/src/extension';
import type { DriverRequest, WebviewSnapshot } from './driver/browser-run';

export const EXTENSION_ID = 'segments-as-code.segments-language';
export const SCREENSHOT_MARKER = 'SEGMENTS_E2E_SCREENSHOT';

interface MochaGlobals {
  suite(name: string, body: () => void): void;
  test(name: string, body: () => Promise<void>): void;
  suiteSetup(body: () => Promise<void>): void;
  suiteTeardown(body: () => Promise<void>): void;
}
const mocha = (): MochaGlobals => globalThis as unknown as MochaGlobals;
export const suite = (name: string, body: () => void): void => mocha().suite(name, body);
export const test = (name: string, body: () => Promise<void>): void => mocha().test(name, body);
export const suiteSetup = (body: () => Promise<void>): void => mocha().suiteSetup(body);
export const suiteTeardown = (body: () => Promise<void>): void => mocha().suiteTeardown(body);

export async function activateExtension(): Promise<{ extension: vscode.Extension<SegmentsApi>; api: SegmentsApi }> {
  const extension = vscode.extensions.getExtension<SegmentsApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  // activate() awaits the language client's start; isActive is false until then.
  const api = await extension.activate();
  assert.ok(extension.isActive, 'extension is active');
  return { extension, api };
}

export function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
}

/** Polls until `probe` returns something other than undefined/false; fails with what it last saw. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`)
    .join('\n');
}

export async function waitForDiagnostic(uri: vscode.Uri, what: string, match: (d: vscode.Diagnostic) => boolean): Promise<vscode.Diagnostic> {
  try {
    return await waitFor(what, () => vscode.languages.getDiagnostics(uri).find(match));
  } catch (e) {
    throw new Error(`${(e as Error).message}\ndiagnostics now:\n${describeDiagnostics(uri)}`);
  }
}

export async function codeLensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.map((l) => l.command?.title ?? '');
}

/** Replaces the first `from` in the document with `to`; returns the range of `to`. */
export async function replaceFirst(doc: vscode.TextDocument, from: string, to: string): Promise<vscode.Range> {
  const at = doc.getText().indexOf(from);
  assert.ok(at >= 0, `the document holds ${JSON.stringify(from)}`);
  const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, to);
  assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
  return new vscode.Range(range.start, doc.positionAt(at + to.length));
}

export function positionOf(doc: vscode.TextDocument, text: string, offsetInText = 0): vscode.Position {
  const at = doc.getText().indexOf(text);
  assert.ok(at >= 0, `the document holds ${JSON.stringify(text)}`);
  return doc.positionAt(at + offsetInText);
}

/** Asks the code-server driver for a screenshot of what is on screen now, and waits while it is taken. */
export async function requestScreenshot(name: string): Promise<void> {
  await sleep(1000); // squiggles and lenses render a moment after they change
  console.log(`${SCREENSHOT_MARKER} ${name}`);
  await sleep(2500);
}

/** Closes every editor without saving (tests leave documents modified; a save prompt would hang the run). */
export async function revertAndCloseAll(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.visibleTextEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export const DRIVER_MARKER = 'SEGMENTS_E2E_DRIVER';
/** A request to the driver, without the reply file (added here). */
type DriverAsk = DriverRequest extends infer R ? (R extends { reply: string } ? Omit<R, 'reply'> : never) : never;

/** Asks the code-server driver (playwright, outside VS Code) to look at or act on the page, and waits for its answer. */
export async function driver<T>(request: DriverAsk): Promise<T> {
  const reply = join(tmpdir(), `segments-e2e-driver-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  console.log(`${DRIVER_MARKER} ${JSON.stringify({ ...request, reply })}`);
  const text = await waitFor(`the driver's answer to ${request.op}`, () => (existsSync(reply) ? readFileSync(reply, 'utf8') : undefined), 20_000);
  rmSync(reply, { force: true });
  const answer = JSON.parse(text) as T & { error?: string };
  if (answer.error) throw new Error(`the driver could not ${request.op}: ${answer.error}`);
  return answer;
}

export type { WebviewSnapshot };

/** The insight panel's page as the driver reads it from the browser, once `accept` holds. */
export async function webviewWhen(what: string, accept: (s: WebviewSnapshot) => boolean, timeoutMs = 30_000): Promise<WebviewSnapshot> {
  let last: WebviewSnapshot | undefined;
  try {
    return await waitFor(what, async () => {
      last = await driver<WebviewSnapshot>({ op: 'webview' });
      return last.found && accept(last) ? last : undefined;
    }, timeoutMs);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nthe panel shows: ${JSON.stringify(last?.items.map((i) => `${i.id}=${i.text}`))}`);
  }
}

/** Texts of the panel's elements with `data-testid` = `id`. */
export function texts(s: WebviewSnapshot, id: string): string[] {
  return s.items.filter((i) => i.id === id).map((i) => i.text);
}

export async function inlayHintLabels(uri: vscode.Uri): Promise<string[]> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, doc.lineCount, 0))) ?? [];
  return hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
}

/** The value of `expression` evaluated in the insight panel's page (by the driver, in the browser). */
export async function webviewEval<T>(expression: string): Promise<T> {
  return (await driver<{ value: T }>({ op: 'webviewEval', expression })).value;
}

/** Presses keys on the real keyboard (the driver's), in order. */
export async function pressKeys(...keys: string[]): Promise<void> {
  await driver({ op: 'press', keys });
}

/** Presses Tab until `until` has the focus in the insight panel (or `max` times); what had the focus after each press. */
export async function tabUntil(until: string, max = 60): Promise<string[]> {
  return (await driver<{ focused: string[] }>({ op: 'tabUntil', until, max })).focused;
}

/** The browser console's lines so far that match `pattern` (every frame's, the webviews' included). */
export async function consoleLines(pattern: string): Promise<string[]> {
  return (await driver<{ lines: string[] }>({ op: 'console', pattern })).lines;
}
