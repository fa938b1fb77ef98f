// The extension's commands. Each one asks the language server (custom
// requests, see protocol.ts) and shows the answer; none computes anything
// itself, so every editor gets the same answers through the same server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ReloadSampleRequest,
  SampleLocationRequest,
  SQL_DIALECTS,
  SqlRequest,
  type ReloadSampleParams,
  type SampleLocationParams,
  type SampleLocationResult,
  type SqlDialect,
  type SqlParams,
  type SqlResult,
} from './protocol';
import { activeSegmentDocument, OPEN_SAMPLE_COMMAND } from './sample-status-bar';

export const SHOW_SQL_COMMAND = 'segments.showSql';
export const RELOAD_SAMPLE_COMMAND = 'segments.reloadSample';

const DIALECT_LABELS: Record<SqlDialect, string> = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
  spark: 'Spark SQL',
};
const LAST_DIALECT_KEY = 'segments.lastSqlDialect';

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const needClient = (): LanguageClient | undefined => {
    const c = client();
    if (!c || !c.isRunning()) {
      void vscode.window.showErrorMessage('The Segments language server is not running; see the "Segments" output for why.');
      return undefined;
    }
    return c;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_SQL_COMMAND, async (dialectArg?: unknown) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'segment') {
        void vscode.window.showWarningMessage('Put the cursor in a segment of a .segment file to see its SQL.');
        return undefined;
      }
      const dialect = isDialect(dialectArg) ? dialectArg : await pickDialect(context);
      if (!dialect) return undefined;
      const c = needClient();
      if (!c) return undefined;
      const params: SqlParams = {
        uri: c.code2ProtocolConverter.asUri(editor.document.uri),
        position: c.code2ProtocolConverter.asPosition(editor.selection.active),
        dialect,
      };
      let result: SqlResult;
      try {
        result = await c.sendRequest<SqlResult>(SqlRequest, params);
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not compile the segment to SQL: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
      if ('error' in result) {
        void vscode.window.showWarningMessage(result.error);
        return undefined;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: result.sql });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      return doc;
    }),

    vscode.commands.registerCommand(RELOAD_SAMPLE_COMMAND, async () => {
      const c = needClient();
      if (!c) return;
      const doc = activeSegmentDocument();
      const params: ReloadSampleParams = doc ? { uri: c.code2ProtocolConverter.asUri(doc.uri) } : {};
      try {
        await c.sendRequest(ReloadSampleRequest, params);
        vscode.window.setStatusBarMessage('$(sync) Reloading the sample…', 3000);
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not reload the sample: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),

    vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, async (target?: unknown) => {
      const uri = typeof target === 'string' ? vscode.Uri.parse(target) : await findSample(client());
      if (!uri) {
        void vscode.window.showInformationMessage('This project has no sample: set "sample" in segments.config.json.');
        return undefined;
      }
      try {
        return await vscode.window.showTextDocument(uri, { preview: true });
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not open ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    }),
  );
}

function isDialect(value: unknown): value is SqlDialect {
  return typeof value === 'string' && (SQL_DIALECTS as readonly string[]).includes(value);
}

/** Asks for a dialect, the one used last first. */
async function pickDialect(context: vscode.ExtensionContext): Promise<SqlDialect | undefined> {
  const last = context.workspaceState.get<string>(LAST_DIALECT_KEY);
  const ordered = [...SQL_DIALECTS].sort((a, b) => Number(b === last) - Number(a === last));
  const picked = await vscode.window.showQuickPick(
    ordered.map((d) => ({ label: DIALECT_LABELS[d], description: d, dialect: d })),
    { title: 'Show SQL for this segment', placeHolder: 'SQL dialect' },
  );
  if (!picked) return undefined;
  await context.workspaceState.update(LAST_DIALECT_KEY, picked.dialect);
  return picked.dialect;
}

/** The sample of the active document's project: asked from the server, else read from the nearest config. */
async function findSample(c: LanguageClient | undefined): Promise<vscode.Uri | undefined> {
  const doc = activeSegmentDocument();
  if (c?.isRunning() && doc) {
    try {
      const params: SampleLocationParams = { uri: c.code2ProtocolConverter.asUri(doc.uri) };
      const found = await c.sendRequest<SampleLocationResult>(SampleLocationRequest, params);
      return found ? vscode.Uri.parse(found) : undefined;
    } catch {
      // An older server without the request: fall back to reading the config.
    }
  }
  return sampleFromConfig(doc?.uri);
}

async function sampleFromConfig(near: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const configs = await vscode.workspace.findFiles('**/segments.config.json', '**/node_modules/**', 50);
  const dirOf = (u: vscode.Uri): string => u.path.slice(0, u.path.lastIndexOf('/') + 1);
  const candidates = near ? configs.filter((c) => near.path.startsWith(dirOf(c))) : configs;
  const config = candidates.sort((a, b) => b.path.length - a.path.length)[0];
  if (!config) return undefined;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(config)));
    const sample = typeof parsed === 'object' && parsed !== null ? (parsed as { sample?: unknown }).sample : undefined;
    return typeof sample === 'string' && sample !== '' ? vscode.Uri.joinPath(config, '..', sample) : undefined;
  } catch {
    return undefined;
  }
}
