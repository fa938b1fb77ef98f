// JSON validation only where it belongs: a file named *.segments-schema.json
// is checked against the attribute-schema schema, while a `schema.json` that
// belongs to some other tool gets no diagnostic from this extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostics, openInEditor, revertAndCloseAll, sleep, suite, suiteTeardown, test, waitFor, workspaceFile } from '../vscode-helpers';

// A JSON Schema of another tool: every top-level key would be an error under ours.
const FOREIGN_SCHEMA = `${JSON.stringify({ title: 'Order', type: 'object', properties: { id: { type: 'string' } } }, null, 2)}\n`;

suite('JSON validation', () => {
  const folder = workspaceFile('other-tool');

  suiteTeardown(async () => {
    await revertAndCloseAll();
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
  });

  test('a *.segments-schema.json file is checked against the attribute schema', async () => {
    const uri = vscode.Uri.joinPath(folder, 'attributes.segments-schema.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(FOREIGN_SCHEMA));
    await openInEditor(uri);
    const diagnostics = await waitFor('JSON schema diagnostics', () => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length > 0 ? d : undefined;
    });
    assert.ok(diagnostics.some((d) => /title/.test(d.message) && /not allowed/i.test(d.message)), describeDiagnostics(uri));
  });

  test('an unrelated schema.json gets no diagnostics from this extension', async () => {
    const uri = vscode.Uri.joinPath(folder, 'schema.json');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(FOREIGN_SCHEMA));
    const editor = await openInEditor(uri);
    assert.equal(editor.document.languageId, 'json');
    // The previous test proved JSON validation answers within the wait; give this file the same time and more.
    await sleep(3000);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).map((d) => `${d.source ?? ''}: ${d.message}`), []);
  });
});
