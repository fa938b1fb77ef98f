// The extension's commands. Each one asks the language server (custom
// requests, see protocol.ts) and shows the answer; none computes anything
// itself, so every editor gets the same answers through the same server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { InsightPanel } from './insight-panel';
import { sqlDocumentUri } from './sql-documents';
import {
  ReloadSampleRequest,
  SampleLocationRequest,
  SHOW_INSIGHT_COMMAND,
  SHOW_SQL_COMMAND,
  SQL_DIALECTS,
  SqlRequest,
  type ReloadSampleParams,
  type SegmentCommandArgs,
  type SampleLocationParams,
  type SampleLocationResult,
  type SqlDialect,
  type SqlParams,
  type SqlResult,
} from './protocol';
import { activeSegmentDocument, OPEN_SAMPLE_COMMAND } from './sample-status-bar';

export { SHOW_SQL_COMMAND };
export const RELOAD_SAMPLE_COMMAND = 'segments.reloadSample';
export const PICK_SQL_DIALECT_COMMAND = 'segments.showSqlInDialect';

const DIALECT_LABELS: Record<SqlDialect, string> = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
  spark: 'Spark SQL',
};
const LAST_DIALECT_KEY = 'segments.lastSqlDialect';

/** The dialect Show SQL uses: the one used last, else the `segments.sql.dialect` setting. */
export function currentDialect(context: vscode.ExtensionContext): SqlDialect {
  const last = context.globalState.get<string>(LAST_DIALECT_KEY);
  if (isDialect(last)) return last;
  const setting = vscode.workspace.getConfiguration('segments').get<string>('sql.dialect');
  return isDialect(setting) ? setting : 'duckdb';
}

export function rememberDialect(context: vscode.ExtensionContext, dialect: SqlDialect): Thenable<void> {
  return context.globalState.update(LAST_DIALECT_KEY, dialect);
}

/** The segment a command is about: from a CodeLens's arguments, else the one under the cursor. */
async function segmentTarget(c: LanguageClient, args: SegmentCommandArgs | undefined, dialect: SqlDialect): Promise<{ uri: string; segment: string } | { error: string } | undefined> {
  if (args?.uri && args.segment) return { uri: args.uri, segment: args.segment };
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'segment') return undefined;
  const params: SqlParams = {
    uri: c.code2ProtocolConverter.asUri(editor.document.uri),
    position: args?.position ?? c.code2ProtocolConverter.asPosition(editor.selection.active),
    dialect,
  };
  const result = await c.sendRequest<SqlResult>(SqlRequest, params);
  if ('error' in result) return { error: result.error };
  return result.segment ? { uri: params.uri, segment: result.segment } : { error: 'This segment has no id yet: name it to see its SQL.' };
}

export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const needClient = (): LanguageClient | undefined => {
    const c = client();
    if (!c || !c.isRunning()) {
      void vscode.window.showErrorMessage('The Segments language server is not running; see the "Segments" output for why.');
      return undefined;
    }
    return c;
  };

  /** Opens the segment's query in `dialect` as a read-only `segments-sql:` document beside the editor. */
  const showSql = async (args: SegmentCommandArgs | undefined, dialect: SqlDialect): Promise<vscode.TextDocument | undefined> => {
    const c = needClient();
    if (!c) return undefined;
    let target: Awaited<ReturnType<typeof segmentTarget>>;
    try {
      target = await segmentTarget(c, args, dialect);
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not compile the segment to SQL: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    if (!target) {
      void vscode.window.showWarningMessage('Put the cursor in a segment of a .segment file to see its SQL.');
      return undefined;
    }
    if ('error' in target) {
      void vscode.window.showWarningMessage(target.error);
      return undefined;
    }
    await rememberDialect(context, dialect);
    const uri = sqlDocumentUri({ uri: target.uri, segment: target.segment, dialect });
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'sql') doc = await vscode.languages.setTextDocumentLanguage(doc, 'sql');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
    return doc;
  };

  const copySql = async (args: SegmentCommandArgs, dialect: SqlDialect): Promise<void> => {
    const c = needClient();
    if (!c) return;
    const result = await c.sendRequest<SqlResult>(SqlRequest, { uri: args.uri, position: args.position, dialect, segment: args.segment } satisfies SqlParams);
    if ('error' in result) {
      void vscode.window.showWarningMessage(result.error);
      return;
    }
    await vscode.env.clipboard.writeText(result.sql);
    vscode.window.setStatusBarMessage(`$(check) Copied the ${DIALECT_LABELS[dialect]} SQL of ${result.segment ?? 'the segment'}`, 4000);
  };

  const panel = new InsightPanel(context, {
    client,
    dialect: () => currentDialect(context),
    rememberDialect: (d) => rememberDialect(context, d),
    showSql: (args, d) => showSql(args, d),
    copySql,
  });
  context.subscriptions.push(panel);
  insightPanel = panel;

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_INSIGHT_COMMAND, (args?: SegmentCommandArgs) => panel.show(args)),

    // From a CodeLens (its segment), the editor (the segment under the cursor) or a test (a dialect): the dialect used last unless one is given.
    vscode.commands.registerCommand(SHOW_SQL_COMMAND, (arg?: unknown) => {
      const args = isSegmentArgs(arg) ? arg : undefined;
      return showSql(args, isDialect(arg) ? arg : currentDialect(context));
    }),

    vscode.commands.registerCommand(PICK_SQL_DIALECT_COMMAND, async (arg?: unknown) => {
      const dialect = await pickDialect(context);
      return dialect ? showSql(isSegmentArgs(arg) ? arg : undefined, dialect) : undefined;
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

function isSegmentArgs(value: unknown): value is SegmentCommandArgs {
  return typeof value === 'object' && value !== null && typeof (value as SegmentCommandArgs).uri === 'string';
}

/** The insight panel, once the commands are registered (for tests through the extension's API). */
export let insightPanel: InsightPanel | undefined;

/** Asks for a dialect, the one in use first. */
async function pickDialect(context: vscode.ExtensionContext): Promise<SqlDialect | undefined> {
  const current = currentDialect(context);
  const ordered = [...SQL_DIALECTS].sort((a, b) => Number(b === current) - Number(a === current));
  const picked = await vscode.window.showQuickPick(
    ordered.map((d) => ({ label: DIALECT_LABELS[d], description: d, dialect: d })),
    { title: 'Show SQL for this segment', placeHolder: 'SQL dialect' },
  );
  return picked?.dialect;
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
