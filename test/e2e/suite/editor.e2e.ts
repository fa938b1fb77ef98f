// The extension in a real VS Code, against the Nordic shop demo project (a
// copy of samples/nordic-shop opened as the workspace): what a user sees when
// editing a .segment file. Edits are never saved; the files on disk stay as
// they are.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SegmentsApi } from '../../../client/src/extension';
import {
  activateExtension,
  codeLensTitles,
  codeOf,
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
  waitFor,
  waitForDiagnostic,
  workspaceFile,
} from '../vscode-helpers';

const FILE = 'segments/retargeting.segment';

suite('Segments extension in VS Code', () => {
  let api: SegmentsApi;
  let uri: vscode.Uri;
  let doc: vscode.TextDocument;
  let original: string;

  suiteSetup(async () => {
    ({ api } = await activateExtension());
    uri = workspaceFile(FILE);
    doc = (await openInEditor(uri)).document;
    original = doc.getText();
  });

  suiteTeardown(async () => {
    await revertAndCloseAll();
  });

  test('a .segment file opens in the segment language', async () => {
    assert.equal(doc.languageId, 'segment');
    assert.ok((await vscode.languages.getLanguages()).includes('segment'));
  });

  test('CodeLens shows each segment’s size in the 5,000-profile sample', async () => {
    const titles = await waitFor('a lens with "of 5,000"', async () => {
      const t = await codeLensTitles(uri);
      return t.some((x) => / of 5,000 \(\d+(\.\d+)?%\)/.test(x)) ? t : undefined;
    });
    const segments = (original.match(/^segment /gm) ?? []).length;
    assert.ok(titles.filter((t) => t.includes('of 5,000')).length >= segments, `a size above each of the ${segments} segments: ${titles.join(' | ')}`);
  });

  test('the clean demo file has no errors', async () => {
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), []);
  });

  test('the status bar shows the sample once loaded', async () => {
    const status = await waitFor('a ready sample status', () => {
      const s = api.sampleStatus(uri.toString());
      return s?.state === 'ready' ? s : undefined;
    });
    assert.equal(status.profiles, 5000);
    assert.equal(status.asOf, '2026-11-01');
    assert.equal(api.statusBarText(), '5,000 profiles · asOf 2026-11-01');
  });

  test('a misspelt attribute gets an error with "did you mean" while typing', async () => {
    const typo = await replaceFirst(doc, 'cart_items > 0', 'cart_itemz > 0');
    const diagnostic = await waitForDiagnostic(uri, 'unknown-attribute on cart_itemz', (d) => codeOf(d) === 'unknown-attribute');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /cart_itemz/);
    assert.match(diagnostic.message, /did you mean `cart_items`/);
    assert.equal(diagnostic.range.start.line, typo.start.line);
    assert.equal(doc.getText(diagnostic.range), 'cart_itemz');
  });

  test('the segment with the error says so in its lens: the size without that condition, never a stale size', async () => {
    const line = positionOf(doc, 'cart_itemz').line + 1;
    await waitFor('the lens of abandoned_cart to count without the broken line', async () =>
      (await codeLensTitles(uri)).some((t) => t.startsWith('≤ ') && t.endsWith(`without line ${line} (with errors)`)));
  });

  test('screenshot: a CodeLens and a squiggle on screen', async () => {
    const editor = await openInEditor(uri);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await requestScreenshot('editor');
  });

  test('the quick fix replaces the misspelt name and the error goes away', async () => {
    const diagnostic = await waitForDiagnostic(uri, 'unknown-attribute', (d) => codeOf(d) === 'unknown-attribute');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
    const fix = actions.find((a) => a.title.includes('cart_items'));
    assert.ok(fix, `a fix naming cart_items among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.edit, 'the fix carries an edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), original);
    await waitFor('the error to go away', () => !vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'unknown-attribute'));
  });

  test('completion offers the project’s attributes with their types', async () => {
    // At the start of an `and` condition: any attribute may follow.
    const at = positionOf(doc, 'and last_cart_at within', 'and '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const name of ['age', 'city', 'cart_items', 'last_cart_at']) assert.ok(labels.includes(name), `completion offers ${name}: ${labels.slice(0, 40).join(', ')}`);
    const age = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'age');
    const detail = `${age?.detail ?? ''} ${typeof age?.label === 'object' ? (age.label.description ?? age.label.detail ?? '') : ''}`;
    assert.match(detail, /number/, 'the attribute’s type is shown');
  });

  test('hover on an attribute tells its type', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, positionOf(doc, 'cart_items >', 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /cart_items/);
    assert.match(text, /number/);
  });

  test('the formatter restores the canonical layout after a messy edit', async () => {
    const format = async (): Promise<number> => {
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, { tabSize: 2, insertSpaces: true });
      if (!edits || edits.length === 0) return 0;
      const edit = new vscode.WorkspaceEdit();
      edit.set(uri, edits);
      assert.ok(await vscode.workspace.applyEdit(edit));
      return edits.length;
    };
    await format();
    const canonical = doc.getText();
    assert.equal(await format(), 0, 'formatting a formatted document changes nothing');
    await replaceFirst(doc, '  owner "growth-team"\n', '        owner     "growth-team"\n');
    assert.notEqual(doc.getText(), canonical);
    assert.ok((await format()) > 0, 'the formatter proposes edits');
    assert.equal(doc.getText(), canonical);
    assert.ok(canonical.includes('\n  owner "growth-team"\n'), 'the property is back at two spaces');
  });

  test('Format Selection lays out only the segment the selection is in', async () => {
    const canonical = doc.getText();
    await replaceFirst(doc, '  owner "growth-team"\n', '        owner     "growth-team"\n');
    const at = positionOf(doc, 'owner     "growth-team"');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatRangeProvider', uri, new vscode.Range(at, at), { tabSize: 2, insertSpaces: true });
    assert.ok(edits && edits.length > 0, 'edits for the selected segment');
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.getText(), canonical, 'the segment is back in its layout and nothing else changed');
  });

  test('the cursor on an attribute highlights its other conditions in the file', async () => {
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', uri, positionOf(doc, 'cart_items > 0', 1));
    const lines = highlights.map((h) => h.range.start.line);
    const expected = doc.getText().split('\n').flatMap((line, i) => (/\bcart_items\b/.test(line) ? [i] : []));
    assert.deepEqual(lines, expected);
    for (const h of highlights) assert.equal(doc.getText(h.range), 'cart_items');
  });

  test('Show SQL before any dialect was picked uses the segments.sql.dialect setting, and remembers it', async () => {
    // The first Show SQL of this run (VS Code starts with a new user-data folder): nothing remembered yet.
    await vscode.workspace.getConfiguration('segments').update('sql.dialect', 'snowflake', vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await openInEditor(uri);
      editor.selection = new vscode.Selection(positionOf(doc, 'cart_items > 0'), positionOf(doc, 'cart_items > 0'));
      const sqlDoc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('segments.showSql');
      assert.equal(sqlDoc?.uri.path, '/abandoned_cart.snowflake.sql');
      assert.match(sqlDoc.getText(), /\bSELECT\b/i);
    } finally {
      await vscode.workspace.getConfiguration('segments').update('sql.dialect', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('Show SQL with a dialect argument opens a SQL editor with the query', async () => {
    const editor = await openInEditor(uri);
    editor.selection = new vscode.Selection(positionOf(doc, 'cart_items > 0'), positionOf(doc, 'cart_items > 0'));
    const sqlDoc = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('segments.showSql', 'duckdb');
    assert.ok(sqlDoc, 'a document opened');
    assert.equal(sqlDoc.languageId, 'sql');
    assert.equal(sqlDoc.isUntitled, false, 'a read-only virtual document, not an untitled one to save');
    assert.equal(sqlDoc.uri.toString().split('?')[0], 'segments-sql:/abandoned_cart.duckdb.sql');
    assert.match(sqlDoc.getText(), /\bSELECT\b/i);
    assert.equal(vscode.window.activeTextEditor?.document, sqlDoc, 'the SQL is shown');
  });

  test('Show SQL in another dialect, through the dialect picker', async () => {
    const editor = await openInEditor(uri);
    editor.selection = new vscode.Selection(positionOf(doc, 'did product_view'), positionOf(doc, 'did product_view'));
    let settled = false;
    const running = Promise.resolve(vscode.commands.executeCommand<vscode.TextDocument | undefined>('segments.showSqlInDialect')).finally(() => {
      settled = true;
    });
    // Accept the first entry of the QuickPick (the dialect used last: duckdb) once it is up.
    for (let i = 0; i < 100 && !settled; i++) {
      await sleep(150);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const sqlDoc = await running;
    assert.ok(sqlDoc, 'a document opened');
    assert.equal(sqlDoc.languageId, 'sql');
    assert.match(sqlDoc.getText(), /\bSELECT\b/i);
    assert.match(sqlDoc.getText(), /product_view/);
  });

  test('the sample commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['segments.showSql', 'segments.showSqlInDialect', 'segments.showInsight', 'segments.reloadSample', 'segments.openSample']) assert.ok(commands.includes(c), c);
  });

  test('Open Sample opens the project’s users.csv', async () => {
    await openInEditor(uri);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('segments.openSample');
    assert.ok(editor, 'an editor opened');
    assert.match(editor.document.uri.path, /\/data\/users\.csv$/);
    assert.match(editor.document.lineAt(0).text, /user_id/);
  });

  test('Reload Sample reloads and the lenses come back with the size', async () => {
    await openInEditor(uri);
    await vscode.commands.executeCommand('segments.reloadSample');
    await waitFor('a lens with "of 5,000" after the reload', async () => (await codeLensTitles(uri)).some((t) => t.includes('of 5,000')));
    await waitFor('a ready sample status after the reload', () => api.sampleStatus(uri.toString())?.state === 'ready');
  });
});
