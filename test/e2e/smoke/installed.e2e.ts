// The packaged extension (the VSIX installed with --install-extension):
// it activates from its own folder and its bundled server answers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeLensTitles,
  codeOf,
  openInEditor,
  replaceFirst,
  revertAndCloseAll,
  suite,
  suiteTeardown,
  test,
  waitFor,
  waitForDiagnostic,
  workspaceFile,
} from '../vscode-helpers';

suite('Segments VSIX', () => {
  suiteTeardown(async () => {
    await revertAndCloseAll();
  });

  test('the installed extension activates from the extensions folder', async () => {
    const { extension } = await activateExtension();
    assert.match(extension.extensionPath, /segments-as-code\.segments-language-/);
    assert.equal(extension.packageJSON.main, './dist/client.js');
  });

  test('its server sizes segments and reports a typo', async () => {
    const uri = workspaceFile('segments/customers.segment');
    const doc = (await openInEditor(uri)).document;
    assert.equal(doc.languageId, 'segment');
    await waitFor('a lens with "of 5,000"', async () => (await codeLensTitles(uri)).some((t) => t.includes('of 5,000')));
    await replaceFirst(doc, 'include', 'includ');
    const d = await waitForDiagnostic(uri, 'a syntax error', (x) => x.severity === vscode.DiagnosticSeverity.Error);
    assert.ok(codeOf(d), 'the diagnostic has a code');
  });
});
