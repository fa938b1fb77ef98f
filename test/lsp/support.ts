// Talks to the built language server as an editor would: starts
// `node dist/server.js --stdio` as a child process and speaks LSP over its
// stdio with vscode-languageserver-protocol's client side. Keeps what the
// server publishes (diagnostics, refresh requests, progress) for the tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverEnvironment } from '../../server/src/lsp/launch-environment';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const SERVER_BUNDLE = join(REPO_ROOT, 'dist', 'server.js');
export const SAMPLE_PROJECT = join(REPO_ROOT, 'samples', 'nordic-shop');

export const CLIENT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    semanticTokens: { refreshSupport: true },
  },
  window: { workDoneProgress: true },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    rename: { prepareSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    semanticTokens: {
      requests: { full: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
    },
    inlayHint: {},
    codeLens: {},
  },
};

export interface Published {
  version?: number;
  diagnostics: Diagnostic[];
}

export interface StartOptions {
  /** Sent as initialize's initializationOptions (the VS Code client sends `commands`). */
  initializationOptions?: unknown;
  /** Workspace folder (absolute path). */
  root?: string;
  /** More workspace folders (a multi-root workspace). */
  folders?: string[];
  /** What the client answers for the `segments` configuration section. */
  settings?: Record<string, unknown>;
  /** Send the settings in `initialize` too, as the VS Code client does, so the first load already follows them. */
  settingsAtInitialize?: boolean;
  capabilities?: ClientCapabilities;
  /** Start without the allocator variables the VS Code client sets (server/src/lsp/launch-environment.ts). */
  bareEnvironment?: boolean;
  /** Another way to start the server than `node dist/server.js --stdio` (an installed package's command). */
  command?: { file: string; args: string[]; cwd?: string; env?: NodeJS.ProcessEnv };
}

export class TestClient {
  readonly published = new Map<string, Published>();
  readonly publishCount = new Map<string, number>();
  codeLensRefreshes = 0;
  inlayHintRefreshes = 0;
  readonly progressTokens = new Set<string | number>();
  readonly progressKinds: string[] = [];
  readonly logs: string[] = [];
  /** `segments/sampleStatus` notifications, in order. */
  readonly sampleStatuses: Record<string, unknown>[] = [];
  stderr = '';
  exited = false;
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    public settings: Record<string, unknown>,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      this.publishCount.set(p.uri, (this.publishCount.get(p.uri) ?? 0) + 1);
      this.wake();
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((item) => (item.section === 'segments' ? this.settings : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progressTokens.add(p.token);
      return null;
    });
    connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
      this.progressKinds.push(p.value.kind);
      this.wake();
    });
    connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshes++;
      this.wake();
      return null;
    });
    connection.onRequest('workspace/inlayHint/refresh', () => {
      this.inlayHintRefreshes++;
      this.wake();
      return null;
    });
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onNotification('segments/sampleStatus', (p: Record<string, unknown>) => {
      this.sampleStatuses.push(p);
      this.wake();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    connection.onNotification('window/showMessage', (p: { message: string }) => this.logs.push(p.message));
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves once `check` returns a value other than undefined, re-checking whenever the server sends something (and every 50 ms). */
  async until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (this.exited) throw new Error(`server exited while waiting for ${what}\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((r) => {
        const done = (): void => {
          this.waiters.delete(done);
          clearTimeout(timer);
          r();
        };
        const timer = setTimeout(done, 50);
        this.waiters.add(done);
      });
    }
  }

  /** The diagnostics the server shows for `uri` once they satisfy `accept`. */
  diagnosticsFor(uri: string, accept: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.until(`diagnostics of ${uri}`, () => {
      const p = this.published.get(uri);
      return p && accept(p.diagnostics) ? p.diagnostics : undefined;
    }, timeoutMs);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  open(uri: string, text: string, languageId = 'segment'): void {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-content change, as LSP allows). */
  change(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** An incremental change, as editors send while typing. */
  edit(uri: string, range: Range, newText: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, applyEdits(this.texts.get(uri) ?? '', [{ range, newText }]));
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  textOf(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000).unref())]);
        void this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, 2000).unref())]);
    }
    if (!this.exited) this.child.kill();
    this.connection.dispose();
  }
}

export async function startServer(options: StartOptions = {}): Promise<TestClient> {
  if (!options.command && !existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run \`npm run build\` first (npm test does)`);
  // Started the way the VS Code client starts it, unless a test asks for a bare environment.
  const outer = options.command?.env ?? process.env;
  const env = options.bareEnvironment ? outer : serverEnvironment(outer);
  const { file, args, cwd } = options.command ?? { file: process.execPath, args: [SERVER_BUNDLE, '--stdio'] };
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env, cwd });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const client = new TestClient(connection, child, options.settings ?? { debounceMs: 20 });
  child.stderr!.on('data', (b: Buffer) => (client.stderr += b.toString()));
  child.on('exit', () => {
    client.exited = true;
  });
  connection.listen();
  const rootUri = options.root ? fileUri(options.root) : null;
  client.initializeResult = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    capabilities: options.capabilities ?? CLIENT_CAPABILITIES,
    initializationOptions: options.settingsAtInitialize
      ? { ...(options.initializationOptions as object | undefined), settings: client.settings }
      : options.initializationOptions,
    workspaceFolders: options.root ? [options.root, ...(options.folders ?? [])].map((f, i) => ({ uri: fileUri(f), name: `folder ${i}` })) : null,
  });
  await connection.sendNotification('initialized', {});
  return client;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A fresh temp copy of the demo project; removed with `removeProject`. */
export function copySampleProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'segments-lsp-'));
  cpSync(SAMPLE_PROJECT, dir, { recursive: true });
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function offsetAt(text: string, p: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < p.line; i++) offset += lines[i].length + 1;
  return offset + p.character;
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The position just after the `occurrence`-th match of `needle` (or at its start with `atStart`). */
export function positionOf(text: string, needle: string, options: { atStart?: boolean; occurrence?: number; delta?: number } = {}): Position {
  let from = -1;
  for (let i = 0; i <= (options.occurrence ?? 0); i++) {
    from = text.indexOf(needle, from + 1);
    if (from < 0) throw new Error(`\`${needle}\` not found`);
  }
  return positionAt(text, from + (options.atStart ? 0 : needle.length) + (options.delta ?? 0));
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function textInRange(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** A project small enough to count by hand: 10 profiles, 5 events. */
export const TINY_FILES: Record<string, string> = {
  'segments.config.json': JSON.stringify(
    { sample: 'users.csv', events: 'events.csv', schema: 'schema.json', asOf: '2026-11-01', population: 1000000 },
    null,
    2,
  ),
  'users.csv': [
    'user_id,age,city,device,vip,interests,last_seen_at,old_score',
    'u1,25,Oslo,mobile,true,sport;travel,2026-10-30,1',
    'u2,34,Oslo,desktop,false,travel,2026-09-01,2',
    'u3,41,Bergen,mobile,true,sport,2026-10-31,3',
    'u4,19,Bergen,tablet,false,,2026-01-01,4',
    'u5,52,Stavanger,mobile,,fashion,2026-10-15,5',
    'u6,,Oslo,mobile,true,sport;fashion,,6',
    'u7,29,Oslo,desktop,true,travel,2026-10-29,7',
    'u8,63,Trondheim,mobile,false,books,2025-05-05,8',
    'u9,22,Oslo,mobile,false,sport,2026-10-20,9',
    'u10,38,Bergen,desktop,true,,2026-10-25,10',
    '',
  ].join('\n'),
  'events.csv': [
    'user_id,event,timestamp,category,amount',
    'u1,purchase,2026-10-20T10:00:00Z,shoes,1200.50',
    'u1,product_view,2026-10-19T10:00:00Z,shoes,',
    'u3,purchase,2026-06-01T10:00:00Z,books,249.90',
    'u6,product_view,2026-10-30T10:00:00Z,shoes,',
    'u9,add_to_cart,2026-10-31T08:00:00Z,shoes,',
    '',
  ].join('\n'),
  'schema.json': JSON.stringify(
    {
      attributes: {
        age: { type: 'number', description: 'Age in years.' },
        city: { type: 'string', description: 'City of the delivery address.' },
        device: { type: 'string', description: 'Device used most.', values: ['mobile', 'desktop', 'tablet'] },
        vip: { type: 'boolean', description: 'Member of the VIP club.' },
        interests: { type: 'list', description: 'Picked interests.', values: ['sport', 'travel', 'fashion', 'books', 'home'] },
        last_seen_at: { type: 'date', description: 'Last visit.' },
        old_score: { type: 'number', deprecated: 'use age' },
      },
      events: {
        purchase: {
          description: 'Completed order',
          properties: { category: { type: 'string' }, amount: { type: 'number', description: 'Order total in NOK.' } },
        },
        product_view: { description: 'Opened a product page', properties: { category: { type: 'string' } } },
        add_to_cart: { description: 'Put a product in the cart', properties: { category: { type: 'string' } } },
      },
    },
    null,
    2,
  ),
  'segments/a.segment': `# Tiny audiences.
# Counted by hand in the tests.

segment oslo_mobile {
  title "Oslo on mobile"
  description "Mobile users in Oslo."
  owner "growth-team"
  tags local, mobile

  include
    city = "Oslo"
    and device = "mobile"
}

segment older {
  include age >= 30
}
`,
  'segments/b.segment': `segment oslo_mobile_vip {
  include segment oslo_mobile and vip
}
`,
};

export interface TinyProject {
  root: string;
  path(rel: string): string;
  uri(rel: string): string;
  text(rel: string): string;
}

export function makeTinyProject(overrides: Record<string, string> = {}): TinyProject {
  const root = mkdtempSync(join(tmpdir(), 'segments-lsp-tiny-'));
  const files = { ...TINY_FILES, ...overrides };
  for (const [rel, content] of Object.entries(files)) {
    const full = join(root, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return {
    root,
    path: (rel) => join(root, rel),
    uri: (rel) => fileUri(join(root, rel)),
    text: (rel) => files[rel],
  };
}
