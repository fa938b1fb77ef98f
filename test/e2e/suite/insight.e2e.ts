// The insight panel and Show SQL in a real VS Code (code-server + chromium),
// on a copy of the demo project: the panel opens from the size lens, its
// numbers are the CLI's for the same segment (read inside the webview by the
// playwright driver), it follows edits, a half-typed condition leaves a "without
// line N" lens and the hints of the intact conditions, and Show SQL opens a
// read-only SQL document that closes without a save prompt.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SegmentsApi } from '../../../client/src/extension';
import {
  activateExtension,
  codeLensTitles,
  driver,
  inlayHintLabels,
  openInEditor,
  positionOf,
  replaceFirst,
  requestScreenshot,
  revertAndCloseAll,
  sleep,
  suite,
  suiteSetup,
  suiteTeardown,
  test,
  texts,
  waitFor,
  webviewWhen,
  workspaceFile,
} from '../vscode-helpers';

const FILE = 'segments/retargeting.segment';
const counts = new Intl.NumberFormat('en-US');
const share = (n: number): string => `${((n / 5000) * 100).toFixed(1)}%`;

interface SizeRow {
  segment: string;
  count: number;
  total: number;
  funnel: { line: number; condition: string; remaining: number }[];
}
interface OverlapRow {
  b: string;
  both: number;
}

suite('The insight panel and Show SQL', () => {
  let api: SegmentsApi;
  let extension: vscode.Extension<SegmentsApi>;
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  let original: string;
  /** abandoned_cart as `segments size --funnel --format json` counts it on the files on disk. */
  let cart: SizeRow;
  let cartCount: string;

  /** The CLI of this checkout, on the workspace's files (the same project the editor has open, before any edit). */
  const cli = <T>(args: string[]): T => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const out = execFileSync(process.execPath, [join(extension.extensionPath, 'bin', 'segments.js'), ...args], { cwd: folder, encoding: 'utf8' });
    return JSON.parse(out) as T;
  };
  const sizeLens = async (segmentLine: number): Promise<string> => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    return lenses.find((l) => l.range.start.line === segmentLine && l.command?.command === 'segments.showInsight')?.command?.title ?? '';
  };

  suiteSetup(async () => {
    ({ api, extension } = await activateExtension());
    uri = workspaceFile(FILE);
    doc = (await openInEditor(uri)).document;
    original = doc.getText();
    [cart] = cli<SizeRow[]>(['size', FILE, '--funnel', '--format', 'json']).filter((r) => r.segment === 'abandoned_cart');
    cartCount = counts.format(cart.count);
    await waitFor('the sizes', async () => (await codeLensTitles(uri)).some((t) => / of 5,000 /.test(t)), 60_000);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await revertAndCloseAll();
  });

  test('the size lens is a button with a tooltip, next to an "SQL" lens', async () => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const line = positionOf(doc, 'segment abandoned_cart').line;
    const mine = lenses.filter((l) => l.range.start.line === line);
    assert.deepEqual(mine.map((l) => l.command?.command), ['segments.showInsight', 'segments.showSql']);
    assert.match(mine[0].command!.title, new RegExp(`^${cartCount} of 5,000 \\(${share(cart.count)}\\) · ≈ [\\d.]+k \\([\\d.]+k–[\\d.]+k\\) of 2\\.4M$`));
    assert.match(mine[0].command!.tooltip ?? '', /profiles of the 5,000 in the sample/);
    assert.equal(mine[1].command!.title, 'SQL');
  });

  test('clicking the size lens opens the panel; its size, funnel, overlap and member count are the CLI’s', async () => {
    const editor = await openInEditor(uri);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await sleep(500);
    await driver({ op: 'click', selector: '.contentWidgets .codelens-decoration a, .codelens-decoration a', hasText: `${cartCount} of 5,000` });
    await waitFor('the panel to open', () => api.insightPanel()?.isOpen === true);

    const size = cart;
    const [topOverlap] = cli<OverlapRow[]>(['overlap', 'abandoned_cart', '--format', 'json']);
    const page = await webviewWhen('the panel with abandoned_cart', (s) => texts(s, 'size-count')[0] === counts.format(size.count) && texts(s, 'funnel-remaining').length > 0);
    assert.deepEqual(texts(page, 'size-count'), [counts.format(size.count)]);
    assert.deepEqual(texts(page, 'funnel-remaining'), size.funnel.map((s) => counts.format(s.remaining)));
    const overlap = page.items.find((i) => i.id === 'overlap');
    assert.equal(overlap?.segment, topOverlap.b);
    assert.equal(texts(page, 'overlap-both')[0], counts.format(topOverlap.both));
    assert.equal(texts(page, 'member').length, Math.min(20, size.count));
    assert.match(texts(page, 'members-caption')[0], new RegExp(`^The first ${Math.min(20, size.count)} of ${counts.format(size.count)} members in the sample`));
    assert.match(texts(page, 'size-estimate')[0], /^≈ [\d.]+k people \([\d.]+k–[\d.]+k, 95% range\) of 2\.4M$/);
  });

  test('screenshots: the panel in a dark theme (size and funnel) and a light one (who they are, overlap)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await requestScreenshot('insight-panel-dark');
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
    await sleep(1000);
    await driver({ op: 'scroll', selector: '#who-h' });
    await requestScreenshot('insight-panel-light');
    await driver({ op: 'scroll', selector: '#overlap-h' });
    await requestScreenshot('insight-panel-overlap');
    await driver({ op: 'scroll', selector: 'header' });
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
  });

  test('typing a change updates the panel and the lens together', async () => {
    const line = positionOf(doc, 'segment abandoned_cart').line;
    const before = await sizeLens(line);
    await replaceFirst(doc, 'last_cart_at within last 7 days', 'last_cart_at within last 14 days');
    const after = await waitFor('a new lens', async () => {
      const t = await sizeLens(line);
      return t !== before && /^[\d,]+ of 5,000/.test(t) ? t : undefined;
    });
    const count = /^([\d,]+) of/.exec(after)![1];
    assert.notEqual(count, cartCount);
    await webviewWhen(`the panel to show ${count}`, (s) => texts(s, 'size-count')[0] === count && !s.appClass.includes('stale'));
    await replaceFirst(doc, 'last_cart_at within last 14 days', 'last_cart_at within last 7 days');
    await webviewWhen('the panel back where it was', (s) => texts(s, 'size-count')[0] === cartCount);
  });

  test('a half-typed condition: the lens says "without line N", the intact conditions keep their hints, the panel says so too', async () => {
    const hintsBefore = await waitFor('hints', async () => {
      const h = await inlayHintLabels(uri);
      return h.length >= 4 ? h : undefined;
    });
    const anchor = 'and not did purchase within last 7 days\n';
    const at = doc.getText().indexOf(anchor) + anchor.length;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.positionAt(at), '    and \n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const halfLine = doc.positionAt(at).line + 1;
    const segmentLine = positionOf(doc, 'segment abandoned_cart').line;
    const lens = await waitFor('the "without line N" lens', async () => {
      const t = await sizeLens(segmentLine);
      return t.includes('without') ? t : undefined;
    });
    // Without the missing condition the segment is the one on disk: the CLI's count, as an upper bound.
    assert.equal(lens, `≤ ${cartCount} of 5,000 (${share(cart.count)}) · without line ${halfLine} (incomplete)`);
    const hints = await inlayHintLabels(uri);
    for (const h of hintsBefore.slice(0, 4)) assert.ok(hints.includes(h), `the hint ${h} stays: ${hints.join(' | ')}`);
    const first = cart.funnel[0].remaining;
    assert.ok(hints.includes(` → ${counts.format(first)} · ${share(first)}`), hints.join(' | '));
    const page = await webviewWhen('the panel to say "without"', (s) => texts(s, 'size-without').length > 0);
    assert.match(texts(page, 'size-without')[0], new RegExp(`without line ${halfLine} \\(incomplete\\)`));
    const editor = await openInEditor(uri);
    editor.selection = new vscode.Selection(doc.positionAt(at + 8), doc.positionAt(at + 8));
    editor.revealRange(new vscode.Range(segmentLine, 0, segmentLine, 0), vscode.TextEditorRevealType.AtTop);
    await requestScreenshot('editor-mid-edit');
    const undo = new vscode.WorkspaceEdit();
    undo.delete(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '    and \n'.length)));
    assert.ok(await vscode.workspace.applyEdit(undo));
    assert.equal(doc.getText(), original);
    await waitFor('the lens back', async () => (await sizeLens(segmentLine)).startsWith(`${cartCount} of 5,000`));
  });

  test('Show SQL from the lens: a read-only SQL document titled abandoned_cart.<dialect>.sql that refreshes and closes without a prompt', async () => {
    await openInEditor(uri);
    await vscode.commands.executeCommand('segments.showSql', 'postgres');
    const line = positionOf(doc, 'segment abandoned_cart').line;
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const sqlLens = lenses.find((l) => l.range.start.line === line && l.command?.title === 'SQL')!;
    await openInEditor(uri);
    const sqlDoc = await vscode.commands.executeCommand<vscode.TextDocument>(sqlLens.command!.command, ...(sqlLens.command!.arguments ?? []));
    assert.ok(sqlDoc);
    assert.equal(sqlDoc.uri.scheme, 'segments-sql');
    assert.equal(sqlDoc.uri.path, '/abandoned_cart.postgres.sql', 'the dialect used last is remembered');
    assert.equal(sqlDoc.languageId, 'sql');
    assert.match(sqlDoc.getText(), /\bSELECT\b/i);
    assert.equal(vscode.window.activeTextEditor?.document, sqlDoc);
    await vscode.commands.executeCommand('type', { text: 'oops' });
    assert.ok(!sqlDoc.getText().includes('oops'), 'the document is read-only');
    assert.equal(sqlDoc.isDirty, false);
    // The query follows the segment.
    await replaceFirst(doc, 'cart_items > 0', 'cart_items > 2');
    await waitFor('the query to change', () => sqlDoc.getText().includes('> 2') || undefined);
    await replaceFirst(doc, 'cart_items > 2', 'cart_items > 0');
    await vscode.window.showTextDocument(sqlDoc);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the SQL editor to close without a save prompt', () => !vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'segments-sql'), 5000);
  });
});
