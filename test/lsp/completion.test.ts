// Completion in each context, typed into a scratch file of the tiny project.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, makeTinyProject, positionAt, removeProject, startServer, type TestClient, type TinyProject } from './support';

let project: TinyProject;
let client: TestClient;
let uri: string;

before(async () => {
  project = makeTinyProject();
  client = await startServer({ root: project.root });
  uri = project.uri('segments/scratch.segment');
  client.open(uri, '');
  // Completion needs the catalog: wait until the data is loaded (a value check only runs with it).
  client.change(uri, 'segment s {\n  include city = "Osl"\n}\n');
  await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'value-never-seen'));
});

after(async () => {
  await client.stop();
  removeProject(project.root);
});

/** Completion at the `|` in `source`. */
async function complete(source: string, trigger?: string): Promise<{ items: CompletionItem[]; text: string }> {
  const offset = source.indexOf('|');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  client.change(uri, text);
  const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position: positionAt(text, offset),
    context: trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 },
  });
  const items = result === null ? [] : Array.isArray(result) ? result : result.items;
  return { items, text };
}

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

function accept(text: string, item: CompletionItem): string {
  return applyEdits(text, [item.textEdit as TextEdit]);
}

test('after include: attributes with type and description, and the condition keywords', async () => {
  const { items } = await complete('segment s {\n  include |\n}\n', ' ');
  const city = items.find((i) => i.label === 'city')!;
  assert.equal(city.detail, 'string · City of the delivery address.');
  assert.match((city.documentation as { value: string }).value, /\| Oslo \| 5 \| 50\.0% \|/);
  for (const keyword of ['did', 'segment', 'not', 'age', 'vip', 'interests', 'last_seen_at']) assert.ok(labels(items).includes(keyword), keyword);
  const deprecated = items.find((i) => i.label === 'old_score')!;
  assert.deepEqual(deprecated.tags, [1]);
});

test('after and / or / not / ( the same names are offered; a half-typed name is replaced', async () => {
  for (const source of ['segment s {\n  include age > 3 and |\n}\n', 'segment s {\n  include age > 3 or |\n}\n', 'segment s {\n  include not |\n}\n', 'segment s {\n  include (|\n}\n']) {
    const { items } = await complete(source);
    assert.ok(labels(items).includes('device'), source);
  }
  const { items, text } = await complete('segment s {\n  include age > 3 and dev|\n}\n');
  assert.equal(accept(text, items.find((i) => i.label === 'device')!), 'segment s {\n  include age > 3 and device\n}\n');
});

test('after an attribute: only the operators that fit its type', async () => {
  const number = labels((await complete('segment s {\n  include age |\n}\n', ' ')).items);
  assert.ok(number.includes('>=') && number.includes('between … and …') && number.includes('in (…)') && number.includes('is missing'));
  assert.ok(!number.includes('contains') && !number.includes('within last … days'));
  const list = labels((await complete('segment s {\n  include interests |\n}\n')).items);
  assert.ok(list.includes('contains any (…)') && list.includes('contains all (…)'));
  assert.ok(!list.includes('>='));
  const date = labels((await complete('segment s {\n  include last_seen_at |\n}\n')).items);
  assert.ok(date.includes('within last … days') && date.includes('before') && date.includes('more than … days ago'));
  assert.ok(date.includes('between … and … days ago'));
  assert.ok(!number.includes('between … and … days ago'));
  const bool = labels((await complete('segment s {\n  include vip |\n}\n')).items);
  assert.ok(bool.includes('= true') && bool.includes('and'));
  const { items, text } = await complete('segment s {\n  include last_seen_at |\n}\n');
  const within = items.find((i) => i.label === 'within last … days')!;
  assert.equal(within.insertTextFormat, 2, 'a snippet');
  assert.equal(accept(text, within), 'segment s {\n  include last_seen_at within last ${1:30} days$0\n}\n');
});

test('after = and in ( and a comma: known values, quoted, most frequent first, with counts', async () => {
  const { items } = await complete('segment s {\n  include city = |\n}\n', ' ');
  assert.deepEqual(labels(items), ['"Oslo"', '"Bergen"', '"Stavanger"', '"Trondheim"']);
  assert.equal(items[0].detail, '5 profiles (50.0%)');
  const inList = await complete('segment s {\n  include device in (|\n}\n');
  assert.deepEqual(labels(inList.items).sort(), ['"desktop"', '"mobile"', '"tablet"']);
  const afterComma = await complete('segment s {\n  include device in ("mobile", |\n}\n');
  assert.ok(labels(afterComma.items).includes('"desktop"'));
  const listAttr = await complete('segment s {\n  include interests contains any (|\n}\n');
  const home = listAttr.items.find((i) => i.label === '"home"')!;
  assert.equal(home.detail, 'allowed, never seen in the sample');
  const notEquals = await complete('segment s {\n  include city != |\n}\n');
  assert.ok(labels(notEquals.items).includes('"Bergen"'));
});

test('a half-typed string is completed in place, closing quote included', async () => {
  const { items, text } = await complete('segment s {\n  include city = "Be|"\n}\n');
  const bergen = items.find((i) => i.label === '"Bergen"')!;
  assert.equal(accept(text, bergen), 'segment s {\n  include city = "Bergen"\n}\n');
});

test('after did: event names; inside did … where (: that event\'s properties, not profile attributes', async () => {
  const events = await complete('segment s {\n  include did |\n}\n', ' ');
  assert.deepEqual(labels(events.items).sort(), ['add_to_cart', 'product_view', 'purchase']);
  assert.match(events.items.find((i) => i.label === 'purchase')!.detail!, /event · 2 in the sample/);
  const didNot = await complete('segment s {\n  include did not |\n}\n');
  assert.ok(labels(didNot.items).includes('purchase'));
  const props = labels((await complete('segment s {\n  include did purchase where (|\n}\n')).items);
  assert.ok(props.includes('category') && props.includes('timestamp'));
  assert.ok(!props.includes('city') && !props.includes('did'));
  const values = labels((await complete('segment s {\n  include did purchase where (category = |\n}\n')).items);
  assert.deepEqual(values.sort(), ['"books"', '"shoes"']);
  const after = labels((await complete('segment s {\n  include did purchase |\n}\n')).items);
  assert.ok(after.includes('where (…)') && after.includes('at least … times') && after.includes('within last … days'));
  assert.ok(after.includes('between … and … days ago') && after.includes('more than … days ago'));
});

test('aggregates: offered after and, event names after `of`, the event\'s properties after `.`, then comparisons and windows', async () => {
  const start = labels((await complete('segment s {\n  include age > 3 and |\n}\n')).items);
  for (const label of ['sum of …', 'average of …', 'min of …', 'max of …', 'distinct count of …']) assert.ok(start.includes(label), label);
  const events = await complete('segment s {\n  include sum of |\n}\n', ' ');
  assert.deepEqual(labels(events.items).sort(), ['add_to_cart', 'product_view', 'purchase']);
  // Half typed: the rest of the file keeps its meaning, and `.` asks for the properties.
  const { items, text } = await complete('segment s {\n  include sum of purchase.|\n  exclude vip\n}\n', '.');
  const amount = items.find((i) => i.label === 'amount')!;
  assert.match(amount.detail!, /^number · Order total in NOK\./);
  assert.ok(labels(items).includes('category') && labels(items).includes('timestamp'));
  assert.ok(items.find((i) => i.label === 'amount')!.sortText! < items.find((i) => i.label === 'category')!.sortText!, 'numbers first for a sum');
  assert.equal(accept(text, amount), 'segment s {\n  include sum of purchase.amount\n  exclude vip\n}\n');
  const partial = await complete('segment s {\n  include average of "purchase".am|\n}\n');
  assert.ok(labels(partial.items).includes('amount'));
  const after = labels((await complete('segment s {\n  include sum of purchase.amount |\n}\n', ' ')).items);
  assert.ok(after.includes('>=') && after.includes('between … and …') && after.includes('where (…)') && after.includes('within last … days'));
  assert.ok(!after.includes('at least … times'));
  const inWhere = labels((await complete('segment s {\n  include sum of purchase.amount where (|\n}\n')).items);
  assert.ok(inWhere.includes('category') && !inWhere.includes('city'));
  // A `.` elsewhere asks for nothing.
  assert.deepEqual(labels((await complete('segment s {\n  include age > 0.|\n}\n', '.')).items), []);
});

test('sequences: `then did …` after a did, the event after `then did`, its filter and time, `with same` properties of both events', async () => {
  const afterDid = labels((await complete('segment s {\n  include did add_to_cart within last 7 days |\n}\n')).items);
  assert.ok(afterDid.includes('then did … within …') && afterDid.includes('and'));
  const afterEvent = labels((await complete('segment s {\n  include did add_to_cart |\n}\n')).items);
  assert.ok(afterEvent.includes('then did … within …'));
  const afterThen = labels((await complete('segment s {\n  include did add_to_cart then |\n}\n', ' ')).items);
  assert.ok(afterThen.includes('did not … within …') && afterThen.includes('did'));
  const events = labels((await complete('segment s {\n  include did add_to_cart then did not |\n}\n', ' ')).items);
  assert.deepEqual(events.sort(), ['add_to_cart', 'product_view', 'purchase']);
  const stepTail = labels((await complete('segment s {\n  include did add_to_cart then did not purchase |\n}\n')).items);
  assert.deepEqual(stepTail, ['where (…)', 'within … days', 'within … hours', 'within … minutes']);
  const afterStep = labels((await complete('segment s {\n  include did add_to_cart then did not purchase within 1 day |\n}\n')).items);
  assert.ok(afterStep.includes('with same …') && afterStep.includes('then did … within …'));
  // add_to_cart and purchase share `category`; only purchase has `amount`.
  const same = labels((await complete('segment s {\n  include did add_to_cart then did not purchase within 1 day with same |\n}\n', ' ')).items);
  assert.ok(same.includes('category') && !same.includes('amount'), same.join(', '));
  const inStepWhere = labels((await complete('segment s {\n  include did add_to_cart then did purchase where (|\n}\n')).items);
  assert.ok(inStepWhere.includes('amount') && !inStepWhere.includes('city'));
});

test('first did / last did: event names, then a filter and windows but no counts', async () => {
  const events = await complete('segment s {\n  include first did |\n}\n', ' ');
  assert.deepEqual(labels(events.items).sort(), ['add_to_cart', 'product_view', 'purchase']);
  const after = labels((await complete('segment s {\n  include last did purchase |\n}\n')).items);
  assert.ok(after.includes('where (…)') && after.includes('more than … days ago') && after.includes('within last … days'));
  assert.ok(!after.includes('at least … times'));
  const start = labels((await complete('segment s {\n  include age > 3 and |\n}\n')).items);
  assert.ok(start.includes('first did … within last … days') && start.includes('last did … more than … days ago'));
});

test('after segment: the ids of the project, from every file, but not the segment itself', async () => {
  const { items } = await complete('segment s {\n  include segment |\n}\n', ' ');
  assert.deepEqual(labels(items).sort(), ['older', 'oslo_mobile', 'oslo_mobile_vip']);
  assert.equal(items.find((i) => i.label === 'oslo_mobile')!.detail, 'Oslo on mobile');
});

test('at block level: the property keywords not yet used; outside blocks: a new segment snippet', async () => {
  const fresh = labels((await complete('segment s {\n  |\n}\n')).items);
  assert.deepEqual(fresh, ['title', 'description', 'owner', 'tags', 'include', 'exclude']);
  const afterTitle = labels((await complete('segment s {\n  title "x"\n  |\n}\n')).items);
  assert.ok(!afterTitle.includes('title') && afterTitle.includes('include'));
  const afterCondition = labels((await complete('segment s {\n  include age > 3\n  |\n}\n')).items);
  assert.ok(afterCondition.includes('and') && afterCondition.includes('exclude') && !afterCondition.includes('include'));
  const top = await complete('|');
  const snippet = top.items.find((i) => i.label === 'segment block')!;
  assert.equal(snippet.insertTextFormat, 2);
  assert.match((snippet.textEdit as TextEdit).newText, /^segment \$\{1:new_segment\} \{\n/);
});

test('no completion inside a comment, and none on a mere space after a finished condition', async () => {
  assert.deepEqual((await complete('# include |\nsegment s {\n  include age > 3\n}\n')).items, []);
  assert.deepEqual((await complete('segment s {\n  include age > 3 |\n}\n', ' ')).items, []);
});

test('without snippet support the inserted text has no placeholders', async () => {
  const plain = await startServer({ root: project.root, capabilities: { workspace: { configuration: true } } });
  try {
    const u = project.uri('segments/plain.segment');
    const text = 'segment s {\n  include last_seen_at \n}\n';
    plain.open(u, text);
    const result = await plain.until('operators', async () => {
      const r = await plain.request<CompletionList>('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 23 } });
      return r.items.some((i) => i.label === 'within last … days') ? r : undefined;
    });
    const within = result.items.find((i) => i.label === 'within last … days')!;
    assert.equal(within.insertTextFormat, undefined);
    assert.equal((within.textEdit as TextEdit).newText, 'within last 30 days');
  } finally {
    await plain.stop();
  }
});
