// The status-bar item that tells how the sample of the active editor's project
// is doing (loading, ready with its size and asOf, failed), fed by the
// server's `segments/sampleStatus` notifications. A click opens the sample
// (or, on error, the file at fault).
import * as vscode from 'vscode';
import { projectForDocument, statusView } from './status-text';
import type { SampleStatus } from './protocol';

export const OPEN_SAMPLE_COMMAND = 'segments.openSample';

export class SampleStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('segments.sample', vscode.StatusBarAlignment.Left, 50);
  private readonly byProject = new Map<string, SampleStatus>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.item.name = 'Segments sample';
    this.subscriptions = [this.item, vscode.window.onDidChangeActiveTextEditor(() => this.render())];
  }

  update(status: SampleStatus): void {
    this.byProject.set(status.project ?? '', status);
    this.render();
  }

  /** The status shown for a document (or the active editor): used by tests and by the open-sample command. */
  statusFor(documentUri?: string): SampleStatus | undefined {
    const key = projectForDocument([...this.byProject.keys()], documentUri ?? activeSegmentDocument()?.uri.toString());
    return key === undefined ? undefined : this.byProject.get(key);
  }

  get text(): string | undefined {
    return this.item.text || undefined;
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    const status = editor && isSegmentsDocument(editor.document) ? this.statusFor(editor.document.uri.toString()) : undefined;
    if (!status) {
      this.item.hide();
      return;
    }
    const view = statusView(status);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.isError ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.command = view.target
      ? { command: OPEN_SAMPLE_COMMAND, title: 'Open sample', arguments: [view.target] }
      : { command: OPEN_SAMPLE_COMMAND, title: 'Open sample' };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

export function isSegmentsDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'segment' || document.uri.path.endsWith('/segments.config.json');
}

/** The active editor's document when it is a .segment file, else the first visible one. */
export function activeSegmentDocument(): vscode.TextDocument | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'segment') return active;
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'segment')?.document;
}
