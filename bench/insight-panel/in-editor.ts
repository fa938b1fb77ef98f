// The insight panel bench's part inside VS Code (bundled and loaded as the
// extension tests by bench/insight-panel.ts): opens the panel on
// abandoned_cart once the big sample is loaded, refreshes it a few times, then
// edits the segment a few times, and logs the panel's own timings (request
// sent, answer back, page rendered: performance.now() in the extension host).
import * as vscode from 'vscode';
import type { SegmentsApi } from '../../client/src/extension';
import type { PanelTiming } from '../../client/src/insight-panel';

export const BENCH_MARKER = 'SEGMENTS_BENCH';
const RUNS = 5;

interface Figures {
  profiles: number;
  open: PanelTiming[];
  refresh: PanelTiming[];
  /** `edited`: when the edit was applied; the panel waits for the edit to settle (segments.debounceMs) before asking. */
  edit: (PanelTiming & { edited: number })[];
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<SegmentsApi>('segments-as-code.segments-language')!;
  const api = await extension.activate();
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, 'segments', 'retargeting.segment');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const status = await waitFor('the sample', () => {
    const s = api.sampleStatus(uri.toString());
    if (s?.state === 'error') throw new Error(s.message);
    return s?.state === 'ready' ? s : undefined;
  }, 20 * 60_000);
  await waitFor('the sizes', async () => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    return lenses.some((l) => / of 1,000,000/.test(l.command?.title ?? '')) ? true : undefined;
  }, 5 * 60_000);

  const at = doc.positionAt(doc.getText().indexOf('segment abandoned_cart'));
  const figures: Figures = { profiles: status.profiles, open: [], refresh: [], edit: [] };
  for (let i = 0; i < RUNS; i++) {
    // A new panel each time: the page is built from nothing (its script, charts, styles).
    api.insightPanel()?.webviewPanel?.dispose();
    await vscode.commands.executeCommand('segments.showInsight', { uri: uri.toString(), position: { line: at.line, character: 0 }, segment: 'abandoned_cart' });
    const panel = api.insightPanel()!;
    figures.open.push(await panel.rendered(panel.currentGeneration));
  }
  const panel = api.insightPanel()!;
  for (let i = 0; i < RUNS; i++) {
    await panel.refresh();
    figures.refresh.push(await panel.rendered(panel.currentGeneration));
  }
  let days = 7;
  for (let i = 0; i < RUNS; i++) {
    const from = `last_cart_at within last ${days} days`;
    days++;
    const next = panel.currentGeneration + 1;
    const edit = new vscode.WorkspaceEdit();
    const start = doc.getText().indexOf(from);
    edit.replace(uri, new vscode.Range(doc.positionAt(start), doc.positionAt(start + from.length)), `last_cart_at within last ${days} days`);
    const edited = performance.now();
    await vscode.workspace.applyEdit(edit);
    const timing = await panel.rendered(next);
    figures.edit.push({ ...timing, edited });
    await new Promise((r) => setTimeout(r, 300));
  }
  console.log(`${BENCH_MARKER} ${JSON.stringify(figures)}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
