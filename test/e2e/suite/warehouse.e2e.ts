// "Count on the warehouse" in the insight panel, in a real VS Code: nothing is
// counted until the button is clicked; then the segment's exact count on the
// target of `segments.warehouse.target` (here DuckDB reading the demo's own
// CSV files, so it must equal the sample's count, which the CLI gives) shows
// beside the sample's numbers; a target that cannot be used shows why.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SegmentsApi } from '../../../client/src/extension';
import { activateExtension, driver, openInEditor, positionOf, revertAndCloseAll, suite, suiteSetup, suiteTeardown, test, texts, webviewWhen, workspaceFile } from '../vscode-helpers';

const FILE = 'segments/retargeting.segment';
const counts = new Intl.NumberFormat('en-US');

suite('Count on the warehouse from the insight panel', () => {
  let api: SegmentsApi;
  let extension: vscode.Extension<SegmentsApi>;
  const config = () => vscode.workspace.getConfiguration('segments');

  suiteSetup(async () => {
    ({ api, extension } = await activateExtension());
    await config().update('warehouse.target', 'duckdb:data/users.csv', vscode.ConfigurationTarget.Workspace);
    await config().update('warehouse.eventsTable', 'data/events.csv', vscode.ConfigurationTarget.Workspace);
  });

  suiteTeardown(async () => {
    await config().update('warehouse.target', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('warehouse.eventsTable', undefined, vscode.ConfigurationTarget.Workspace);
    api.insightPanel()?.dispose();
    await revertAndCloseAll();
  });

  test('the button counts the segment on the warehouse, only when clicked, beside the sample count', async () => {
    const uri = workspaceFile(FILE);
    const doc = (await openInEditor(uri)).document;
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const cli = execFileSync(process.execPath, [join(extension.extensionPath, 'bin', 'segments.js'), 'size', FILE, '--format', 'json'], { cwd: folder, encoding: 'utf8' });
    const cart = (JSON.parse(cli) as { segment: string; count: number }[]).find((r) => r.segment === 'abandoned_cart')!;
    const at = positionOf(doc, 'segment abandoned_cart');
    await vscode.commands.executeCommand('segments.showInsight', { uri: uri.toString(), position: { line: at.line, character: at.character }, segment: 'abandoned_cart' });
    const page = await webviewWhen('the panel with its button', (s) => texts(s, 'size-count')[0] === counts.format(cart.count) && s.items.some((i) => i.id === 'count-on-warehouse'));
    assert.deepEqual(texts(page, 'warehouse-result'), [''], 'nothing is counted before the click');

    await driver({ op: 'webviewClick', selector: '[data-testid="count-on-warehouse"]' });
    const counted = await webviewWhen('the exact count', (s) => texts(s, 'warehouse-count').length > 0, 60_000);
    assert.deepEqual(texts(counted, 'warehouse-count'), [counts.format(cart.count)]);
    assert.equal(texts(counted, 'warehouse-result')[0], `${counts.format(cart.count)} exact on duckdb:data/users.csv (sample: ${counts.format(cart.count)} of 5,000)`);
  });

  test('a target that cannot be used: the panel says why', async () => {
    await config().update('warehouse.target', 'duckdb:no-such.duckdb', vscode.ConfigurationTarget.Workspace);
    await driver({ op: 'webviewClick', selector: '[data-testid="count-on-warehouse"]' });
    const page = await webviewWhen('the reason', (s) => /no such file/.test(texts(s, 'warehouse-result')[0] ?? ''), 30_000);
    assert.equal(texts(page, 'warehouse-result')[0], 'no such file for --on duckdb: no-such.duckdb.');
  });
});
