// The insight panel: a webview beside the editor showing the audience of the
// segment under the cursor (or the one whose CodeLens was clicked), asked from
// the language server (`segments/insight`) and refreshed as the user types.
// Between a keystroke and the answer for the new text the view is told its
// numbers are stale, so it never shows an older definition's numbers without
// saying so. The webview (insight-view/) only lays the data out.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { FromView, ToView } from './insight-messages';
import {
  CountOnWarehouseRequest,
  InsightRequest,
  SQL_DIALECTS,
  type CountOnWarehouseParams,
  type CountOnWarehouseResult,
  type InsightParams,
  type InsightResult,
  type SegmentCommandArgs,
  type SqlDialect,
} from './protocol';

export const INSIGHT_VIEW_TYPE = 'segments.insight';

interface Target {
  uri: string;
  position?: vscode.Position;
  segment?: string;
}

export interface InsightHost {
  client(): LanguageClient | undefined;
  /** The dialect the SQL actions use (remembered, or the setting's default). */
  dialect(): SqlDialect;
  rememberDialect(dialect: SqlDialect): Thenable<void>;
  showSql(args: SegmentCommandArgs, dialect: SqlDialect): Thenable<unknown>;
  copySql(args: SegmentCommandArgs, dialect: SqlDialect): Thenable<unknown>;
}

export interface PanelTiming {
  requested: number;
  answered?: number;
  /** When the view told the extension it had rendered (includes the message's trip back). */
  rendered?: number;
  /** When the view drew the frame with the data (its wall clock, on this timeline): what the user sees. */
  painted?: number;
  /** The page's own time from receiving the data to its next frame. */
  viewMs?: number;
}

export class InsightPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private target: Target | undefined;
  private attribute: string | undefined;
  private generation = 0;
  private viewReady = false;
  private pending: ToView | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private followTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** For tests and the bench: per generation, when it was asked for, answered and rendered (ms, performance.now()), and the view's own time. */
  readonly timings = new Map<number, PanelTiming>();
  private readonly renderWaiters: { generation: number; resolve: (t: PanelTiming) => void }[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly host: InsightHost,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.panel || e.document.languageId !== 'segment' || e.contentChanges.length === 0) return;
        if (this.target?.uri !== e.document.uri.toString() && !this.sameProject(e.document.uri)) return;
        this.post({ type: 'stale' });
        this.scheduleRefresh(debounceMs() + 60);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!this.panel || e.textEditor.document.languageId !== 'segment') return;
        clearTimeout(this.followTimer);
        this.followTimer = setTimeout(() => this.follow(e.textEditor), 200);
      }),
    );
  }

  /** The generation of the data last sent to the view. */
  get currentGeneration(): number {
    return this.generation;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** The webview panel, for tests. */
  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** Resolves once the view has rendered `generation` (or a later one), with that render's timing. */
  rendered(generation: number): Promise<PanelTiming> {
    const done = [...this.timings].find(([g, t]) => g >= generation && t.rendered !== undefined);
    if (done) return Promise.resolve(done[1]);
    return new Promise((resolve) => this.renderWaiters.push({ generation, resolve }));
  }

  async show(args?: SegmentCommandArgs): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (args?.uri) {
      this.target = { uri: args.uri, segment: args.segment, position: args.position ? new vscode.Position(args.position.line, args.position.character) : undefined };
    } else if (editor?.document.languageId === 'segment') {
      this.target = { uri: editor.document.uri.toString(), position: editor.selection.active };
    }
    if (!this.target) {
      void vscode.window.showInformationMessage('Open a .segment file and put the cursor in a segment to see its audience.');
      return;
    }
    if (!this.panel) this.create();
    else this.panel.reveal(vscode.ViewColumn.Beside, true);
    await this.refresh();
  }

  private create(): void {
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(INSIGHT_VIEW_TYPE, 'Audience', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [dist],
    });
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'extension', 'segment-file.svg');
    this.viewReady = false;
    panel.webview.html = viewHtml(panel.webview, dist);
    panel.webview.onDidReceiveMessage((m: FromView) => this.receive(m), undefined, this.subscriptions);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.viewReady = false;
    }, undefined, this.subscriptions);
    this.panel = panel;
  }

  private follow(editor: vscode.TextEditor): void {
    const uri = editor.document.uri.toString();
    const position = editor.selection.active;
    if (this.target?.uri === uri && this.target.position?.isEqual(position)) return;
    this.target = { uri, position };
    this.scheduleRefresh(0);
  }

  private scheduleRefresh(ms: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), ms);
  }

  /** Asks the server for the target's insight and sends it to the view. */
  async refresh(): Promise<void> {
    const c = this.host.client();
    const target = this.target;
    if (!this.panel || !target) return;
    if (!c?.isRunning()) {
      this.post({ type: 'empty', message: 'The Segments language server is not running; see the "Segments" output for why.' });
      return;
    }
    const generation = ++this.generation;
    const timing: PanelTiming = { requested: performance.now() };
    this.timings.set(generation, timing);
    const params: InsightParams = {
      uri: target.uri,
      position: target.position ? { line: target.position.line, character: target.position.character } : undefined,
      segment: target.position ? undefined : target.segment,
      attribute: this.attribute,
      memberLimit: vscode.workspace.getConfiguration('segments').get<number>('insight.memberLimit', 20),
    };
    let result: InsightResult;
    try {
      result = await c.sendRequest<InsightResult>(InsightRequest, params);
    } catch (e) {
      result = { error: `Could not compute the insight: ${e instanceof Error ? e.message : String(e)}` };
    }
    timing.answered = performance.now();
    // An answer overtaken by a newer request is dropped.
    if (generation !== this.generation || !this.panel) return;
    if ('error' in result) {
      this.post({ type: 'empty', message: result.error });
      return;
    }
    const insight = result.insight;
    if (insight.segment) this.target = { ...target, segment: insight.segment };
    this.panel.title = insight.segment ? `Audience: ${insight.segment}` : 'Audience';
    this.post({ type: 'insight', generation, insight, dialect: this.host.dialect(), attribute: this.attribute });
  }

  private post(message: ToView): void {
    if (!this.panel) return;
    if (!this.viewReady) {
      if (message.type !== 'stale') this.pending = message;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private receive(m: FromView): void {
    switch (m.type) {
      case 'ready':
        this.viewReady = true;
        if (this.pending) void this.panel?.webview.postMessage(this.pending);
        this.pending = undefined;
        return;
      case 'rendered': {
        const timing = this.timings.get(m.generation);
        if (!timing) return;
        timing.rendered = performance.now();
        timing.painted = m.at - performance.timeOrigin;
        timing.viewMs = m.ms;
        for (const w of this.renderWaiters.splice(0)) {
          if (m.generation >= w.generation) w.resolve(timing);
          else this.renderWaiters.push(w);
        }
        return;
      }
      case 'reveal':
        void reveal(m.uri, m.line);
        return;
      case 'openSegment':
        this.target = { uri: m.uri, segment: m.segment };
        void reveal(m.uri, m.line).then(() => {
          this.target = { uri: m.uri, segment: m.segment };
          return this.refresh();
        });
        return;
      case 'attribute':
        this.attribute = m.attribute;
        void this.refresh();
        return;
      case 'countOnWarehouse':
        void this.countOnWarehouse(m.segment);
        return;
      case 'copySql':
      case 'showSql': {
        if (!this.target || !(SQL_DIALECTS as readonly string[]).includes(m.dialect)) return;
        void this.host.rememberDialect(m.dialect);
        const args: SegmentCommandArgs = {
          uri: this.target.uri,
          position: this.target.position ?? { line: 0, character: 0 },
          segment: this.target.segment,
        };
        void (m.type === 'copySql' ? this.host.copySql(args, m.dialect) : this.host.showSql(args, m.dialect));
        return;
      }
    }
  }

  /** The exact count of `segment` on the warehouse, asked only because the user clicked for it. */
  private async countOnWarehouse(segment: string): Promise<void> {
    const c = this.host.client();
    if (!this.target || !c?.isRunning()) return;
    const params: CountOnWarehouseParams = { uri: this.target.uri, segments: [segment] };
    let result: CountOnWarehouseResult;
    try {
      result = await c.sendRequest<CountOnWarehouseResult>(CountOnWarehouseRequest, params);
    } catch (e) {
      result = { error: `Could not count on the warehouse: ${e instanceof Error ? e.message : String(e)}` };
    }
    this.post({ type: 'warehouse', segment, result });
  }

  /** True when `uri` is in the same folder tree as the target (a change to a segment it uses may change its numbers). */
  private sameProject(uri: vscode.Uri): boolean {
    const target = this.target ? vscode.Uri.parse(this.target.uri) : undefined;
    return target !== undefined && vscode.workspace.getWorkspaceFolder(target)?.uri.toString() === vscode.workspace.getWorkspaceFolder(uri)?.uri.toString();
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    clearTimeout(this.followTimer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function debounceMs(): number {
  return vscode.workspace.getConfiguration('segments').get<number>('debounceMs', 150);
}

async function reveal(uri: string, line: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const at = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at), preserveFocus: false });
}

/** The page: a strict Content-Security-Policy (scripts only with this page's nonce, styles and fonts only from the extension), no remote content. */
function viewHtml(webview: vscode.Webview, dist: vscode.Uri): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'insight-view.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'insight-view.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Audience</title>
</head>
<body>
<main id="app" aria-live="polite"><p class="empty">Loading…</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}
