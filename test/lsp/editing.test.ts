// Semantic tokens, formatting and quick fixes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Range, SemanticTokens, TextEdit } from 'vscode-languageserver-protocol';
import { formatSegments } from '../../server/src/core/format/format';
import { applyEdits, makeTinyProject, positionOf, removeProject, startServer, type TestClient, type TinyProject } from './support';

let project: TinyProject;
let client: TestClient;
let uri: string;

before(async () => {
  project = makeTinyProject();
  client = await startServer({ root: project.root });
  uri = project.uri('segments/e.segment');
  client.open(uri, 'segment e {\n  include city = "Osl"\n}\n');
  await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'value-never-seen'));
});

after(async () => {
  await client.stop();
  removeProject(project.root);
});

interface DecodedToken {
  line: number;
  character: number;
  text: string;
  type: string;
  modifiers: string[];
}

async function tokens(text: string, range?: Range): Promise<DecodedToken[]> {
  client.change(uri, text);
  const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
  const result = range
    ? await client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range })
    : await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
  assert.equal(result.data.length % 5, 0, 'five numbers per token');
  const lines = text.split('\n');
  const out: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < result.data.length; i += 5) {
    const [dLine, dChar, length, type, mods] = result.data.slice(i, i + 5);
    assert.ok(dLine > 0 || i === 0 || dChar > 0, 'tokens are sorted and do not overlap');
    line += dLine;
    character = dLine === 0 ? character + dChar : dChar;
    assert.ok(character + length <= lines[line].length, 'a token stays on its line');
    assert.ok(type < legend.tokenTypes.length);
    out.push({
      line,
      character,
      text: lines[line].slice(character, character + length),
      type: legend.tokenTypes[type],
      modifiers: legend.tokenModifiers.filter((_, bit) => (mods & (1 << bit)) !== 0),
    });
  }
  return out;
}

test('semantic tokens classify keywords, attributes, events, segment ids, literals, comments and operators', async () => {
  const text = [
    '# comment',
    'segment t {',
    '  title "T"',
    '  tags x',
    '  include age >= 30 and old_score > 1 and `vip` and last_seen_at after 2026-01-01',
    '    and did purchase where (category = "shoes") within last 7 days',
    '    and segment oslo_mobile',
    '}',
  ].join('\n');
  const list = await tokens(text);
  const of = (t: string): string[] => list.filter((x) => x.text === t).map((x) => `${x.type}${x.modifiers.length ? `:${x.modifiers.join(',')}` : ''}`);
  assert.deepEqual(of('# comment'), ['comment']);
  assert.deepEqual(of('segment'), ['keyword', 'keyword']);
  assert.deepEqual(of('t'), ['class:declaration']);
  assert.deepEqual(of('"T"'), ['string']);
  assert.deepEqual(of('x'), ['enumMember']);
  assert.deepEqual(of('age'), ['property']);
  assert.deepEqual(of('old_score'), ['property:deprecated']);
  assert.deepEqual(of('`vip`'), ['property']);
  assert.deepEqual(of('>='), ['operator']);
  assert.deepEqual(of('30'), ['number']);
  assert.deepEqual(of('2026-01-01'), ['date']);
  assert.deepEqual(of('purchase'), ['event']);
  assert.deepEqual(of('category'), ['parameter']);
  assert.deepEqual(of('"shoes"'), ['string']);
  assert.deepEqual(of('oslo_mobile'), ['class']);
  assert.deepEqual(of('within'), ['keyword']);
  assert.deepEqual(of('days'), ['keyword']);
});

test('semantic tokens of behaviour conditions: function keywords, the event, its property, the filter', async () => {
  const text = [
    'segment t {',
    '  include sum of purchase.amount where (category = "shoes") within last 90 days > 5000.50',
    '    and first did add_to_cart between 1 and 2 weeks ago',
    '    and distinct count of product_view.category >= 2',
    '}',
  ].join('\n');
  const list = await tokens(text);
  const of = (t: string): string[] => list.filter((x) => x.text === t).map((x) => x.type);
  for (const keyword of ['sum', 'of', 'first', 'did', 'distinct', 'count', 'ago', 'where', 'last']) assert.ok(of(keyword).every((t) => t === 'keyword') && of(keyword).length > 0, keyword);
  assert.deepEqual(of('purchase'), ['event']);
  assert.deepEqual(of('add_to_cart'), ['event']);
  assert.deepEqual(of('product_view'), ['event']);
  assert.deepEqual(of('amount'), ['parameter']);
  assert.deepEqual(of('category'), ['parameter', 'parameter']);
  assert.deepEqual(of('5000.50'), ['number']);
  assert.deepEqual(of('>'), ['operator']);
});

test('semantic tokens of a sequence: `then`, `same` and the units are keywords, the events events, `with same` a property', async () => {
  const text = ['segment t {', '  include did add_to_cart then did not purchase within 2 hours with same category', '}'].join('\n');
  const list = await tokens(text);
  const of = (t: string): string[] => list.filter((x) => x.text === t).map((x) => x.type);
  for (const keyword of ['then', 'same', 'hours', 'within', 'with']) assert.deepEqual(of(keyword), ['keyword'], keyword);
  assert.deepEqual(of('did'), ['keyword', 'keyword']);
  assert.deepEqual(of('add_to_cart'), ['event']);
  assert.deepEqual(of('purchase'), ['event']);
  assert.deepEqual(of('category'), ['parameter']);
});

test('semantic tokens for a range are the full tokens that start inside it, encoded on their own', async () => {
  const text = ['segment a {', '  include age > 1', '}', 'segment b {', '  include did purchase', '}'].join('\n');
  const full = await tokens(text);
  const part = await tokens(text, { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } });
  assert.deepEqual(part, full.filter((t) => t.line >= 3 && t.line < 5));
  assert.deepEqual(part.map((t) => t.text), ['segment', 'b', 'include', 'did', 'purchase']);
});

test('semantic tokens of a broken file are still well-formed', async () => {
  const list = await tokens('segment {\n  include "unterminated\n  and ) ( `x\nsegment ok { include a }\n');
  assert.ok(list.length > 0);
});

test('formatting returns edits that turn the text into the formatter\'s output', async () => {
  const messy = '# keep me\nsegment   messy{title "M"\ninclude age>=30 and\n      city="Oslo"   # why\n}\n';
  client.change(uri, messy);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.ok(edits.length > 0);
  const formatted = applyEdits(messy, edits);
  assert.equal(formatted, formatSegments(messy));
  assert.ok(formatted.includes('# keep me') && formatted.includes('# why'), 'comments survive');
  client.change(uri, formatted);
  assert.deepEqual(await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
});

test('range formatting lays out the block the selection is in and leaves the others as written', async () => {
  const messy = 'segment   one{include age>=30}\n\nsegment two {include   city="Oslo"}\n';
  client.change(uri, messy);
  const at = messy.indexOf('city');
  const line = messy.slice(0, at).split('\n').length - 1;
  const character = at - (messy.lastIndexOf('\n', at - 1) + 1);
  const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
    textDocument: { uri },
    range: { start: { line, character }, end: { line, character: character + 4 } },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.equal(applyEdits(messy, edits), 'segment   one{include age>=30}\n\nsegment two {\n  include city = "Oslo"\n}\n');
});

test('formatting leaves a block with a syntax error as written', async () => {
  const broken = 'segment broken {\n  include age >=   \n}\n';
  client.change(uri, broken);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.equal(applyEdits(broken, edits), formatSegments(broken));
  assert.ok(applyEdits(broken, edits).includes('include age >='));
});

test('a quick fix corrects a misspelt attribute', async () => {
  const text = 'segment e {\n  include ciyt = "Oslo"\n}\n';
  client.change(uri, text);
  const diagnostics = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'unknown-attribute'));
  const d = diagnostics.find((x) => x.code === 'unknown-attribute')!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Change to `city`');
  assert.equal(actions[0].kind, 'quickfix');
  assert.equal(actions[0].isPreferred, true);
  assert.deepEqual(actions[0].diagnostics, [d]);
  const fixed = applyEdits(text, actions[0].edit!.changes![uri]);
  assert.equal(fixed, 'segment e {\n  include city = "Oslo"\n}\n');
  client.change(uri, fixed);
  await client.diagnosticsFor(uri, (x) => x.length === 0);
});

test('quick fixes for values, events and deprecated attributes; none where nothing is wrong', async () => {
  const text = 'segment e {\n  include device = "Mobile" and did purchse and old_score > 1\n}\n';
  client.change(uri, text);
  const diagnostics: Diagnostic[] = await client.diagnosticsFor(uri, (d) => ['value-not-allowed', 'unknown-event', 'deprecated-attribute'].every((c) => d.some((x) => x.code === c)));
  const titles: string[] = [];
  for (const d of diagnostics) {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    titles.push(...actions.map((a) => a.title));
  }
  assert.deepEqual(titles.sort(), ['Change to `"mobile"`', 'Change to `age`', 'Change to `purchase`'].sort());
  const none = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: positionOf(text, 'segment', { atStart: true }), end: positionOf(text, 'segment') },
    context: { diagnostics: [] },
  });
  assert.deepEqual(none, []);
  const refactorOnly = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics: [diagnostics[0]], only: ['refactor'] },
  });
  assert.deepEqual(refactorOnly, []);
});
