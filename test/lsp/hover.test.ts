// Hovers on attributes, event names, event properties and segments.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { makeTinyProject, positionOf, removeProject, startServer, textInRange, type TestClient, type TinyProject } from './support';

let project: TinyProject;
let client: TestClient;

const SOURCE = `segment hover_me {
  include age >= 30 and city = "Oslo" and did purchase where (category = "shoes")
  exclude segment oslo_mobile
}

segment recent_first_buyers {
  include first did purchase within last 30 days and age > 0
}

segment viewed_then_bought {
  include did product_view then did purchase within 1 day and age > 0
}

segment big_spenders {
  include sum of purchase.amount within last 90 days > 1000 and age > 0
}
`;

before(async () => {
  project = makeTinyProject({ 'segments/h.segment': SOURCE });
  client = await startServer({ root: project.root });
  client.open(project.uri('segments/h.segment'), SOURCE);
  client.open(project.uri('segments/b.segment'), project.text('segments/b.segment'));
  // Wait for the data: the lens shows a size once it is loaded.
  await client.until('data', async () => {
    const lenses = await client.request<{ command?: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri: project.uri('segments/h.segment') } });
    return lenses.some((l) => / of /.test(l.command?.title ?? '')) ? true : undefined;
  });
});

after(async () => {
  await client.stop();
  removeProject(project.root);
});

async function hoverAt(rel: string, text: string, needle: string, delta = 1): Promise<{ value: string; range: string }> {
  const h = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: project.uri(rel) },
    position: positionOf(text, needle, { atStart: true, delta }),
  });
  assert.ok(h, `a hover on ${needle}`);
  return { value: (h.contents as { value: string }).value, range: textInRange(text, h.range!) };
}

test('an attribute: type, description, top values with counts and the share missing', async () => {
  const city = await hoverAt('segments/h.segment', SOURCE, 'city');
  assert.equal(city.range, 'city');
  assert.match(city.value, /^\*\*city\*\* · string attribute/);
  assert.match(city.value, /City of the delivery address\./);
  assert.match(city.value, /\| Oslo \| 5 \| 50\.0% \|/);
  assert.match(city.value, /\| Bergen \| 3 \| 30\.0% \|/);
  assert.match(city.value, /missing: 0\.0% \(0 of 10\)/);
});

test('a number attribute: min, median and max, and its missing share', async () => {
  const age = await hoverAt('segments/h.segment', SOURCE, 'age');
  assert.match(age.value, /number attribute/);
  assert.match(age.value, /min 19 · median 34 · max 63/);
  assert.match(age.value, /missing: 10\.0% \(1 of 10\)/);
});

test('an event and an event property', async () => {
  const event = await hoverAt('segments/h.segment', SOURCE, 'purchase');
  assert.match(event.value, /\*\*purchase\*\* · event/);
  assert.match(event.value, /Completed order/);
  assert.match(event.value, /2 in the sample/);
  const property = await hoverAt('segments/h.segment', SOURCE, 'category');
  assert.match(property.value, /\*\*category\*\* · string property of `purchase`/);
  assert.match(property.value, /\| shoes \| 1 \| 50\.0% \|/);
});

test('a segment reference: size, share, estimate, description, owner and where it is defined', async () => {
  const ref = await hoverAt('segments/h.segment', SOURCE, 'oslo_mobile');
  assert.equal(ref.range, 'oslo_mobile');
  assert.match(ref.value, /\*\*segment oslo_mobile\*\* — Oslo on mobile/);
  assert.match(ref.value, /Size: 3 of 10 \(30\.0%\) · ≈ 300k \(\d+k–\d+k\) of 1M/);
  assert.match(ref.value, /Mobile users in Oslo\./);
  assert.match(ref.value, /owner: growth-team · tags: local, mobile · in segments[/\\]a\.segment/);
});

test('a segment declaration id shows its own size', async () => {
  const decl = await hoverAt('segments/b.segment', project.text('segments/b.segment'), 'oslo_mobile_vip');
  assert.match(decl.value, /Size: 2 of 10 \(20\.0%\)/);
});

test('a behaviour keyword: the condition in plain words and how many profiles it holds for', async () => {
  const first = await hoverAt('segments/h.segment', SOURCE, 'first did');
  assert.equal(first.range, 'first did purchase within last 30 days');
  assert.match(first.value, /^Their first `purchase` was in the last 30 days\./);
  assert.match(first.value, /Profiles with no such event are not included\./);
  // u1 bought first on 2026-10-20; u3 only on 2026-06-01.
  assert.match(first.value, /Holds for 1 of 10 profiles \(10\.0%\) in the sample\./);
});

test('an aggregate: its function keyword explains it, its property is the event property', async () => {
  const sum = await hoverAt('segments/h.segment', SOURCE, 'sum of');
  assert.equal(sum.range, 'sum of purchase.amount within last 90 days > 1000');
  assert.match(sum.value, /^Spent more than 1,000 in total on `purchase` events in the last 90 days \(the sum of `amount`\)\./);
  assert.match(sum.value, /count as 0, so it does not hold for them\./);
  // u1 spent 1,200.50 on 2026-10-20; u3's 249.90 is from June.
  assert.match(sum.value, /Holds for 1 of 10 profiles \(10\.0%\) in the sample\./);
  const property = await hoverAt('segments/h.segment', SOURCE, 'amount within');
  assert.match(property.value, /\*\*amount\*\* · number property of `purchase`/);
});

test('a sequence: `did` and `then` explain it; its count is the whole chain\'s', async () => {
  const then = await hoverAt('segments/h.segment', SOURCE, 'then did purchase');
  assert.equal(then.range, 'did product_view then did purchase within 1 day');
  assert.match(then.value, /^Did `product_view`, then `purchase` within 1 day after it\./);
  assert.match(then.value, /strictly later than the one before/);
  // u1 viewed on 2026-10-19 10:00 and bought exactly a day later.
  assert.match(then.value, /Holds for 1 of 10 profiles \(10\.0%\) in the sample\./);
});

test('nothing to say on keywords and white space', async () => {
  const none = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: project.uri('segments/h.segment') },
    position: positionOf(SOURCE, 'include', { atStart: true, delta: 2 }),
  });
  assert.equal(none, null);
});
