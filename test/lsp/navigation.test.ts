// Go to definition, find references, rename across files, outline, workspace
// symbols and folding.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, Location, Range, WorkspaceEdit, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { applyEdits, makeTinyProject, positionOf, removeProject, startServer, textInRange, type TestClient, type TinyProject } from './support';

let project: TinyProject;
let client: TestClient;
let a: string;
let b: string;
let aText: string;
let bText: string;

before(async () => {
  project = makeTinyProject();
  client = await startServer({ root: project.root });
  a = project.uri('segments/a.segment');
  b = project.uri('segments/b.segment');
  aText = project.text('segments/a.segment');
  bText = project.text('segments/b.segment');
  // Only b is open: a is read from disk, as for any file of the project.
  client.open(b, bText);
  await client.diagnosticsFor(b, (d) => d.length === 0);
});

after(async () => {
  await client.stop();
  removeProject(project.root);
});

const refInB = (): { line: number; character: number } => positionOf(bText, 'oslo_mobile and', { atStart: true, delta: 3 });

test('go to definition jumps from a reference to the declaring file', async () => {
  const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: b }, position: refInB() });
  assert.equal(locations.length, 1);
  assert.equal(locations[0].uri, a);
  assert.equal(textInRange(aText, locations[0].range), 'oslo_mobile');
  assert.equal(locations[0].range.start.line, 3);
});

test('find references lists the uses in every file, with the declaration when asked', async () => {
  const position = positionOf(aText, 'segment oslo_mobile', { delta: -2 });
  client.open(a, aText);
  const withDecl = await client.request<Location[]>('textDocument/references', { textDocument: { uri: a }, position, context: { includeDeclaration: true } });
  assert.deepEqual(withDecl.map((l) => [l.uri, l.range.start.line]), [[a, 3], [b, 1]]);
  const usesOnly = await client.request<Location[]>('textDocument/references', { textDocument: { uri: a }, position, context: { includeDeclaration: false } });
  assert.deepEqual(usesOnly.map((l) => [l.uri, textInRange(bText, l.range)]), [[b, 'oslo_mobile']]);
});

test('prepareRename gives the id and its range; elsewhere it refuses with a reason', async () => {
  const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: b }, position: refInB() });
  assert.equal(prepared.placeholder, 'oslo_mobile');
  assert.equal(textInRange(bText, prepared.range), 'oslo_mobile');
  await assert.rejects(
    client.request('textDocument/prepareRename', { textDocument: { uri: b }, position: positionOf(bText, 'and vip', { atStart: true, delta: 5 }) }),
    /Only segment ids can be renamed/,
  );
});

test('rename changes the declaration and every reference, across files', async () => {
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: b }, position: refInB(), newName: 'oslo_phone' });
  const changes = edit.changes!;
  assert.deepEqual(Object.keys(changes).sort(), [a, b].sort());
  const newA = applyEdits(aText, changes[a]);
  const newB = applyEdits(bText, changes[b]);
  assert.equal(newA, aText.replace('segment oslo_mobile {', 'segment oslo_phone {'));
  assert.equal(newB, bText.replace('segment oslo_mobile and', 'segment oslo_phone and'));
  // Applying it leaves the project without errors.
  client.change(a, newA);
  client.change(b, newB);
  await client.diagnosticsFor(b, (d) => d.length === 0 && client.published.get(b)?.version === 2);
  client.change(a, aText);
  client.change(b, bText);
  await client.diagnosticsFor(b, (d) => d.length === 0 && client.published.get(b)?.version === 3);
});

test('rename to a keyword or a name with spaces writes it in backticks', async () => {
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: b }, position: refInB(), newName: 'Oslo mobile' });
  assert.ok(edit.changes![b].every((e) => e.newText === '`Oslo mobile`'));
});

test('rename refuses an empty name, a name with a backtick or a line break, and an id already taken', async () => {
  for (const [newName, reason] of [
    ['', /cannot be empty/],
    ['a`b', /backticks/],
    ['two\nlines', /line breaks/],
    ['older', /A segment `older` already exists \(segments[/\\]a\.segment:15\)/],
  ] as const) {
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri: b }, position: refInB(), newName }), reason, JSON.stringify(newName));
  }
});

test('document symbols: each segment with its title and properties', async () => {
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: a } });
  assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [['oslo_mobile', 'Oslo on mobile'], ['older', undefined]]);
  assert.deepEqual(symbols[0].children!.map((c) => c.name), ['title', 'description', 'owner', 'tags', 'include']);
  assert.equal(symbols[0].children![4].detail, 'city = "Oslo" and device = "mobile"');
  assert.equal(textInRange(aText, symbols[0].selectionRange), 'oslo_mobile');
  assert.equal(symbols[0].range.start.line, 3);
  assert.equal(symbols[0].range.end.line, 12);
});

test('workspace symbols find segments of files that were never opened, by a fuzzy query', async () => {
  const symbols = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: 'osmob' });
  assert.deepEqual(symbols.map((s) => s.name).sort(), ['oslo_mobile', 'oslo_mobile_vip']);
  const all = await client.request<WorkspaceSymbol[]>('workspace/symbol', { query: '' });
  assert.equal(all.length, 3);
  const older = all.find((s) => s.name === 'older')!;
  assert.equal((older.location as Location).uri, a);
});

test('folding: segment blocks, multi-line includes and comment runs', async () => {
  const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: a } });
  assert.deepEqual(
    ranges.map((r) => [r.startLine, r.endLine, r.kind ?? '']),
    [
      [0, 1, 'comment'],
      [3, 11, ''],
      [9, 11, ''],
      [14, 15, ''],
    ],
  );
});

test('a multi-root workspace: the project of each folder is found, and symbols come from all of them', async () => {
  const second = makeTinyProject({ 'segments/a.segment': 'segment second_root_only {\n  include age > 1\n}\n', 'segments/b.segment': '' });
  const multi = await startServer({ root: project.root, folders: [second.root] });
  try {
    const symbols = await multi.until('symbols of both folders', async () => {
      const list = await multi.request<WorkspaceSymbol[]>('workspace/symbol', { query: '' });
      return list.length === 4 ? list : undefined;
    });
    const names = symbols.map((s) => s.name).sort();
    assert.deepEqual(names, ['older', 'oslo_mobile', 'oslo_mobile_vip', 'second_root_only']);
    // Each project checks its own ids: `oslo_mobile` is unknown in the second folder.
    const uri = second.uri('segments/b.segment');
    multi.open(uri, 'segment uses {\n  include segment oslo_mobile\n}\n');
    await multi.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'unknown-segment'));
  } finally {
    await multi.stop();
    removeProject(second.root);
  }
});

test('document highlight marks a segment id, an attribute and an event wherever this file names them', async () => {
  const text = [
    'segment base { include city = "Oslo" }',
    'segment picky {',
    '  include segment base and age > 30 and did purchase where (category = "shoes")',
    '  exclude city = "Bergen" or did purchase',
    '}',
    'segment other { include segment base }',
    '',
  ].join('\n');
  const uri = project.uri('segments/highlights.segment');
  client.open(uri, text);
  await client.diagnosticsFor(uri, () => true);
  type Highlight = { range: Range; kind?: number };
  const at = async (needle: string, delta = 1): Promise<[string, number, number | undefined][]> => {
    const list = await client.request<Highlight[]>('textDocument/documentHighlight', { textDocument: { uri }, position: positionOf(text, needle, { atStart: true, delta }) });
    return list.map((h) => [textInRange(text, h.range), h.range.start.line, h.kind]);
  };
  // From a use of `base`: the declaration (write = 3) and both uses (read = 2).
  assert.deepEqual(await at('base and'), [['base', 0, 3], ['base', 2, 2], ['base', 5, 2]]);
  // From the attribute `city`: both profile conditions on it, not the event property `category`.
  assert.deepEqual(await at('city = "Bergen"'), [['city', 0, 2], ['city', 3, 2]]);
  // From an event name: both `did purchase`.
  assert.deepEqual(await at('purchase where'), [['purchase', 2, 2], ['purchase', 3, 2]]);
  // On a keyword: nothing.
  assert.deepEqual(await at('include segment base and', 2), []);
  client.close(uri);
});
