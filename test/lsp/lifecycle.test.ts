// The server as a program: command line, initialize, the demo project, and
// survival — garbage documents and requests in random order never kill it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { runSegments } from '../support/cli';
import {
  CLIENT_CAPABILITIES,
  copySampleProject,
  fileUri,
  makeTinyProject,
  positionOf,
  REPO_ROOT,
  removeProject,
  SERVER_BUNDLE,
  startServer,
} from './support';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

test('--version, --help, and no transport given', () => {
  const version = spawnSync(process.execPath, [SERVER_BUNDLE, '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0);
  assert.equal(version.stdout.trim(), pkg.version);
  const help = spawnSync(process.execPath, [SERVER_BUNDLE, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--stdio/);
  const bare = spawnSync(process.execPath, [SERVER_BUNDLE], { encoding: 'utf8' });
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /--stdio/);
  const bin = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'segments-language-server.js'), '--version'], { encoding: 'utf8' });
  assert.equal(bin.stdout.trim(), pkg.version);
});

test('initialize announces every feature', async () => {
  const client = await startServer();
  try {
    const { capabilities, serverInfo } = client.initializeResult;
    assert.equal(serverInfo?.name, 'segments-language-server');
    assert.equal(serverInfo?.version, pkg.version);
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('('));
    for (const key of [
      'hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'workspaceSymbolProvider',
      'foldingRangeProvider', 'documentFormattingProvider', 'inlayHintProvider',
    ] as const) {
      assert.equal(capabilities[key], true, key);
    }
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.ok(capabilities.codeLensProvider);
    assert.ok(capabilities.semanticTokensProvider?.legend.tokenTypes.includes('property'));
  } finally {
    await client.stop();
  }
});

test('the demo project: every segment gets a size, and the diagnostics match `segments check`', async () => {
  const root = copySampleProject();
  const client = await startServer({ root });
  try {
    const dir = join(root, 'segments');
    const files = readdirSync(dir).filter((f) => f.endsWith('.segment'));
    // Break a copy in a few ways, on disk, so the CLI sees the same text.
    const broken = join(dir, 'customers.segment');
    const original = readFileSync(broken, 'utf8');
    // (silver_members and small_baskets: no other segment refers to them.)
    writeFileSync(broken, original.replace('total_spent <= 4000', 'total_spnt <= "4000"').replace('avg_order_value < 600', 'avg_order_value < "600" or'));
    for (const f of files) client.open(fileUri(join(dir, f)), readFileSync(join(dir, f), 'utf8'));

    const cli = JSON.parse(runSegments(['check', '--format', 'json'], root).stdout) as { file: string; line: number; column: number; code: string }[];
    assert.ok(cli.length >= 2, 'the broken copy has problems');
    for (const f of files) {
      const uri = fileUri(join(dir, f));
      const expected = cli
        .filter((d) => d.file.endsWith(f))
        .map((d) => `${d.line}:${d.column}:${d.code}`)
        .sort();
      const got = await client.diagnosticsFor(uri, (list) => list.length === expected.length);
      assert.deepEqual(got.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}:${d.code}`).sort(), expected, f);
    }
    for (const f of files) {
      const uri = fileUri(join(dir, f));
      const text = readFileSync(join(dir, f), 'utf8');
      const lenses = await client.until(`sizes in ${f}`, async () => {
        const list = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
        return list.some((l) => l.command?.title === 'loading sample…') ? undefined : list;
      });
      const segments = text.match(/^segment /gm)!.length - (join(dir, f) === broken ? 2 : 0);
      if (join(dir, f) === broken) {
        // Each broken segment has an intact condition left: its size without the broken ones ("≤ …"), or why not.
        assert.deepEqual(lenses.filter((l) => /^(fix |≤ )/.test(l.command!.title)).map((l) => l.range.start.line + 1).sort((x, y) => x - y), [97, 108]);
      }
      const sizes = lenses.filter((l) => /^[\d,]+ of 5,000 \(/.test(l.command!.title));
      assert.equal(sizes.length, segments, `one size per segment in ${f}`);
      assert.equal(sizes.filter((l) => / · ≈ [\d.]+[kM]? \([\d.]+[kM]?–[\d.]+[kM]?\) of 2\.4M$/.test(l.command!.title)).length, segments, 'each with its estimate (population is set)');
    }
  } finally {
    await client.stop();
    removeProject(root);
  }
});

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const GARBAGE = [
  '',
  '}}}}{{{{',
  'segment',
  'segment {',
  'segment a { include',
  'segment a { include ( ( ( ( (',
  `segment deep { include ${'('.repeat(5000)}age > 1${')'.repeat(5000)} }`,
  `segment wide { include ${Array.from({ length: 2000 }, (_, i) => `a${i} = ${i}`).join(' and ')} }`,
  'segment a { include did where ( where ( did did ) ) at least -1 times within last 0 days }',
  'segment "x" { title title title include include }',
  '\u0000\u0001\u0002 segment \uFFFF { include `unterminated }',
  '\r\r\n\n\rsegment a {\r include age > 1\r}\r',
  'segment a { include "\\uZZZZ" = "\\" }',
  'segment 😀 { include 😀 = "😀" }',
  '# only a comment',
  'segment a { include x between 9 and 1 and y in () and z contains all () }',
  'segment a { include segment a } segment b { include segment b and segment c } segment c { include segment a }',
];

const METHODS = [
  'textDocument/completion', 'textDocument/hover', 'textDocument/definition', 'textDocument/references',
  'textDocument/prepareRename', 'textDocument/rename', 'textDocument/documentSymbol', 'textDocument/foldingRange',
  'textDocument/semanticTokens/full', 'textDocument/formatting', 'textDocument/rangeFormatting', 'textDocument/documentHighlight', 'textDocument/semanticTokens/range',
  'textDocument/codeAction', 'textDocument/codeLens',
  'textDocument/inlayHint', 'workspace/symbol',
];

test('garbage documents and random requests in random order never kill the server', async () => {
  const project = makeTinyProject();
  const client = await startServer({ root: project.root });
  try {
    const next = random(20261101);
    const uris = [project.uri('segments/g1.segment'), project.uri('segments/g2.segment'), 'untitled:Untitled-1', project.uri('segments/a.segment')];
    const opened = new Set<string>();
    const texts = new Map<string, string>();
    for (let round = 0; round < 300; round++) {
      const uri = uris[Math.floor(next() * uris.length)];
      const roll = next();
      if (!opened.has(uri) || roll < 0.1) {
        const text = GARBAGE[Math.floor(next() * GARBAGE.length)];
        if (opened.has(uri)) client.change(uri, text);
        else client.open(uri, text);
        opened.add(uri);
        texts.set(uri, text);
        continue;
      }
      if (roll < 0.15) {
        client.close(uri);
        opened.delete(uri);
        continue;
      }
      if (roll < 0.3) {
        // An edit splicing random garbage at a random place.
        const text = texts.get(uri) ?? '';
        const at = Math.floor(next() * (text.length + 1));
        const piece = GARBAGE[Math.floor(next() * GARBAGE.length)].slice(0, 40);
        const changed = text.slice(0, at) + piece + text.slice(at);
        client.change(uri, changed);
        texts.set(uri, changed);
        continue;
      }
      const method = METHODS[Math.floor(next() * METHODS.length)];
      // Positions anywhere, including past the end of the document and on closed documents.
      const position = { line: Math.floor(next() * 6), character: Math.floor(next() * 200) };
      const range = { start: position, end: { line: position.line + Math.floor(next() * 3), character: Math.floor(next() * 50) } };
      const params = {
        textDocument: { uri },
        position,
        range,
        newName: ['x', '', 'a b', 'segment', '`'][Math.floor(next() * 5)],
        context: { includeDeclaration: next() < 0.5, diagnostics: [], triggerKind: 1 },
        options: { tabSize: 2, insertSpaces: true },
        query: 'a',
      };
      // Refusals (an id that cannot be renamed) are answers too; only a dead server fails the test.
      await client.request(method, params).catch((e: Error) => assert.doesNotMatch(e.message, /failed: /, `${method} threw inside the server: ${e.message}`));
    }
    assert.equal(client.exited, false, client.stderr);
    assert.deepEqual(client.logs.filter((l) => /failed|crash/.test(l)), [], 'no feature failed inside the server');
    // Still answering, and correctly: a hover on the tiny project after all that.
    const a = project.uri('segments/a.segment');
    const text = project.text('segments/a.segment');
    client.change(a, text);
    const hover = await client.until('a hover', async () => {
      const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: a }, position: positionOf(text, 'city', { atStart: true }) });
      return h ?? undefined;
    });
    assert.match((hover.contents as { value: string }).value, /\*\*city\*\*/);
  } finally {
    await client.stop();
    removeProject(project.root);
  }
});

test('requests about documents the server never saw get empty answers', async () => {
  const client = await startServer();
  try {
    const uri = 'file:///nowhere/never.segment';
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.deepEqual(await client.request('workspace/symbol', { query: '' }), []);
  } finally {
    await client.stop();
  }
});

test('a client without workspace-folder support starts without an error, and its folder is indexed (issue 12)', async () => {
  const project = makeTinyProject();
  const { workspaceFolders: _unsupported, ...workspace } = CLIENT_CAPABILITIES.workspace!;
  const client = await startServer({ root: project.root, capabilities: { ...CLIENT_CAPABILITIES, workspace } });
  try {
    // The project under the root was found without any document being opened.
    await client.until('the sample loaded', () => client.sampleStatuses.find((s) => s.state === 'ready'));
    const symbols = await client.request<unknown[]>('workspace/symbol', { query: '' });
    assert.ok(symbols.length > 0);
    assert.deepEqual(client.logs.filter((l) => /failed|doesn't support/.test(l)), []);
  } finally {
    await client.stop();
    removeProject(project.root);
  }
});

test('a project whose config cannot be opened does not keep the other workspace folders from being indexed', async () => {
  const broken = makeTinyProject({ 'segments.config.json': `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` });
  const good = makeTinyProject();
  const client = await startServer({ root: broken.root, folders: [good.root] });
  try {
    const ready = await client.until('the second folder loaded', () => client.sampleStatuses.find((s) => s.state === 'ready'));
    assert.equal(ready.project, good.uri('segments.config.json'));
    assert.deepEqual(client.logs.filter((l) => /failed/.test(l)), []);
  } finally {
    await client.stop();
    removeProject(broken.root);
    removeProject(good.root);
  }
});
