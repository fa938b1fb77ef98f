// Behaviour conditions in a real VS Code: a sequence typed into the demo's
// behaviour.segment gets its size and per-condition hints as it is finished,
// an aggregate's hover explains it in plain words with its count, and
// `purchase.` completes to the event's properties. Edits are never saved.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeLensTitles,
  openInEditor,
  positionOf,
  requestScreenshot,
  revertAndCloseAll,
  sleep,
  suite,
  suiteSetup,
  suiteTeardown,
  test,
  waitFor,
  workspaceFile,
} from '../vscode-helpers';

const FILE = 'segments/behaviour.segment';

/** The number in a lens or hint title: `1,204 of 5,000 (24.1%)` → 1204, `→ 83` → 83. */
function firstNumber(text: string): number {
  const m = /(\d[\d,]*)/.exec(text);
  assert.ok(m, `a number in ${JSON.stringify(text)}`);
  return Number(m[1].replace(/,/g, ''));
}

suite('Behaviour conditions in VS Code', () => {
  let uri: vscode.Uri;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    await activateExtension();
    uri = workspaceFile(FILE);
    editor = await openInEditor(uri);
    await waitFor('the sample to load (a lens with a size)', async () => (await codeLensTitles(uri)).some((t) => / of 5,000 /.test(t)), 60_000);
  });

  suiteTeardown(async () => {
    await revertAndCloseAll();
  });

  test('typing a sequence: the lens shows its size and the hints count each condition, the chain as one', async () => {
    const doc = editor.document;
    const end = doc.positionAt(doc.getText().length);
    // Typed a few words at a time, as a user would: half-typed states in between.
    const pieces = [
      '\nsegment typed_cart_then_no_purchase {\n  include\n    email_opt_in\n    and did add_to_cart',
      ' within last 30 days',
      '\n      then did',
      ' not purchase',
      ' within 1 day',
      ' with same',
      ' product_id\n}\n',
    ];
    let at = end;
    for (const piece of pieces) {
      assert.ok(await editor.edit((b) => b.insert(at, piece)));
      at = doc.positionAt(doc.getText().length);
      await sleep(150);
    }
    const declLine = positionOf(doc, 'segment typed_cart_then_no_purchase').line;
    const range = new vscode.Range(declLine, 0, doc.lineCount, 0);
    // Half-typed states had sizes of their own: wait until the lens and the hints are those of the whole text.
    const { lens, hints } = await waitFor('the size and the hints of the finished segment', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      const title = lenses.find((l) => l.range.start.line === declLine && / of 5,000 /.test(l.command?.title ?? ''))?.command?.title;
      const all = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, range)) ?? [];
      const text = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
      if (!title || all.length !== 2 || firstNumber(text(all[1])) !== firstNumber(title)) return undefined;
      return { lens: title, hints: all };
    });
    const size = firstNumber(lens);
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    // Two conditions: `email_opt_in`, and the whole chain (its hint at the end of the chain, after `product_id`).
    const chainEnd = doc.getText().indexOf('product_id\n}', doc.offsetAt(new vscode.Position(declLine, 0)));
    assert.equal(hints[1].position.line, doc.positionAt(chainEnd).line);
    assert.ok(firstNumber(labels[0]) >= firstNumber(labels[1]), 'the audience narrows');
    assert.ok(size > 0 && size < 5000, lens);
    editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
    await sleep(300);
    await requestScreenshot('sequence');
  });

  test('hover on an aggregate: what it means in plain words, and its count', async () => {
    const doc = editor.document;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, positionOf(doc, 'sum of purchase.amount within last 12 months >= 10000', 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Spent at least 10,000 in total on `purchase` events in the last 12 months/);
    const declLine = positionOf(doc, 'segment value_tier_top').line;
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const lens = lenses.find((l) => l.range.start.line === declLine && / of 5,000 /.test(l.command?.title ?? ''));
    assert.ok(lens?.command, 'value_tier_top has a size');
    // One condition: the hover's count is the segment's size.
    assert.match(text, new RegExp(`Holds for ${firstNumber(lens.command.title).toLocaleString('en-US')} of 5,000 profiles`));
  });

  test('completion after `purchase.` offers the event\'s properties with their types', async () => {
    const doc = editor.document;
    const end = doc.positionAt(doc.getText().length);
    assert.ok(await editor.edit((b) => b.insert(end, '\nsegment typed_spend {\n  include sum of purchase.\n}\n')));
    const at = positionOf(doc, 'sum of purchase.\n', 'sum of purchase.'.length);
    const list = await waitFor('property completions', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at, '.');
      return l.items.length > 0 ? l : undefined;
    });
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const name of ['amount', 'items', 'product_id', 'category']) assert.ok(labels.includes(name), `${name} among ${labels.join(', ')}`);
    const amount = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'amount');
    assert.match(amount?.detail ?? '', /^number/);
    // Half typed: the rest of the file still parses (the segments above keep their sizes).
    assert.ok((await codeLensTitles(uri)).filter((t) => / of 5,000 /.test(t)).length >= 15);
  });
});
