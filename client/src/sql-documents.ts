// Show SQL as a read-only virtual document: `segments-sql:/abandoned_cart.postgres.sql?…`,
// titled by its path (`abandoned_cart.postgres.sql`), in the `sql` language,
// never asking to be saved, and refreshed when the segment's project changes.
// The text is the server's `segments/sql` answer, the same query as
// `segments sql`; a segment that cannot be compiled shows why as a comment.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SqlRequest, type SqlDialect, type SqlParams, type SqlResult } from './protocol';

export const SQL_SCHEME = 'segments-sql';

export interface SqlTarget {
  /** The .segment document the segment is in. */
  uri: string;
  segment: string;
  dialect: SqlDialect;
}

export function sqlDocumentUri(target: SqlTarget): vscode.Uri {
  const query = new URLSearchParams({ uri: target.uri, segment: target.segment, dialect: target.dialect }).toString();
  return vscode.Uri.from({ scheme: SQL_SCHEME, path: `/${target.segment}.${target.dialect}.sql`, query });
}

export function sqlTargetOf(uri: vscode.Uri): SqlTarget | undefined {
  if (uri.scheme !== SQL_SCHEME) return undefined;
  const q = new URLSearchParams(uri.query);
  const [doc, segment, dialect] = [q.get('uri'), q.get('segment'), q.get('dialect')];
  return doc && segment && dialect ? { uri: doc, segment, dialect: dialect as SqlDialect } : undefined;
}

export class SqlDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(SQL_SCHEME, this),
      // A change to any segment file may change a query (segments use each other): refresh the open ones after the edit settles.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId !== 'segment' || e.contentChanges.length === 0) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.refreshOpen(), vscode.workspace.getConfiguration('segments').get<number>('debounceMs', 150) + 100);
      }),
    ];
  }

  refreshOpen(): void {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === SQL_SCHEME && !doc.isClosed) this.changed.fire(doc.uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = sqlTargetOf(uri);
    if (!target) return '-- Not a segment query.\n';
    const c = this.client();
    if (!c?.isRunning()) return '-- The Segments language server is not running; see the "Segments" output for why.\n';
    const params: SqlParams = { uri: target.uri, position: { line: 0, character: 0 }, dialect: target.dialect, segment: target.segment };
    try {
      const result = await c.sendRequest<SqlResult>(SqlRequest, params);
      return 'error' in result ? `-- ${result.error.replace(/\n/g, '\n-- ')}\n` : result.sql.endsWith('\n') ? result.sql : `${result.sql}\n`;
    } catch (e) {
      return `-- Could not compile the segment to SQL: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
