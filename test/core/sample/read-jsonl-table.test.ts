// Reading JSON Lines into columns on hostile shapes (issue 12): objects keyed
// by data, nesting, repeated names and files larger than the memory budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import type { SchemaDocument } from '../../../server/src/core/project/schema-types';
import { SNIFF_ROWS } from '../../../server/src/core/sample/infer';
import type { Column } from '../../../server/src/core/sample/store';
import { describe, plainValue, writeTemp } from './helpers';

function lines(count: number, row: (i: number) => Record<string, unknown>): string {
  let out = '';
  for (let i = 0; i < count; i++) out += `${JSON.stringify(row(i))}\n`;
  return out;
}

function load(name: string, content: string, extra: { schema?: SchemaDocument; memoryLimitMB?: number } = {}) {
  return loadSample({ profilesPath: writeTemp(name, content), idColumn: 'user_id', ...extra });
}

/** Bytes of a column's arrays: what the store holds for it. */
function columnBytes(c: Column): number {
  const arrays: ArrayBufferView[] = [c.missing];
  if (c.type === 'boolean') arrays.push(c.values);
  else if (c.type === 'list') arrays.push(c.offsets, c.itemCodes);
  else arrays.push(c.codes);
  return arrays.reduce((sum, a) => sum + a.byteLength, 0);
}

test('a cart keyed by product ids is one text column, not a column per product (issue 12, finding 1)', () => {
  // Every line has two of 10,000 product ids: one column per id took rows × ids memory (2.3 GB at 60k lines).
  let seed = 7;
  const product = () => `p${(seed = (seed * 48271) % 2147483647) % 10_000}`;
  const content = lines(20_000, (i) => ({ user_id: `u${i}`, age: 20 + (i % 50), cart: { [product()]: 1, [product()]: 2 } }));
  const { store, diagnostics } = load('carts.jsonl', content);
  assert.deepEqual([...store!.profiles.columns.keys()], ['age', 'cart']);
  const cart = store!.profiles.columns.get('cart')!;
  assert.equal(cart.type, 'string');
  assert.match(plainValue(cart, 0) as string, /^\{"p\d+":1,"p\d+":2\}$/);
  const bytes = [...store!.profiles.columns.values()].reduce((sum, c) => sum + columnBytes(c), 0);
  assert.ok(bytes < 200_000, `${bytes} bytes of columns for 20,000 rows`);
  const wide = describe(diagnostics).filter((d) => d.includes('sample-wide-object'));
  assert.equal(wide.length, 1);
  assert.match(wide[0], /The objects in `cart` have more than 1,000 different keys .* Declare `cart` in the schema as `list`/);
});

test('an object that turns wide only after the sniffed rows is read whole on every row, the early ones too', () => {
  const content = lines(SNIFF_ROWS + 3000, (i) => ({ user_id: `u${i}`, cart: i < SNIFF_ROWS ? { p0: 1 } : { [`p${i}`]: 1 } }));
  const { store, diagnostics } = load('late-wide.jsonl', content);
  const columns = store!.profiles.columns;
  assert.deepEqual([...columns.keys()], ['cart']);
  const cart = columns.get('cart')!;
  assert.equal(plainValue(cart, 0), '{"p0":1}');
  assert.equal(plainValue(cart, SNIFF_ROWS + 2999), `{"p${SNIFF_ROWS + 2999}":1}`);
  assert.ok(describe(diagnostics).some((d) => d.startsWith(`warning sample-wide-object ${SNIFF_ROWS + 1000}:`)), describe(diagnostics).join('\n'));
});

test('declared in the schema as a list, an object is read as the list of its keys, without a warning', () => {
  const schema: SchemaDocument = { attributes: new Map([['cart', { type: 'list' }]]), events: new Map() };
  const content = lines(3000, (i) => ({ user_id: `u${i}`, cart: { [`p${i}`]: 1, p0: 2 } }));
  const { store, diagnostics } = load('declared.jsonl', content, { schema });
  const cart = store!.profiles.columns.get('cart')!;
  assert.deepEqual(plainValue(cart, 5), ['p5', 'p0']);
  assert.deepEqual(describe(diagnostics), []);
});

test('a dotted key beside the same nested field is a warning on its line; the first is read (issue 12, finding 10)', () => {
  const content = ['{"user_id":"u1","geo.city":"Oslo","geo":{"city":"Bergen"}}', '{"user_id":"u2","geo":{"city":"Tromsø"}}', ''].join('\n');
  const { store, diagnostics } = load('collide.jsonl', content);
  assert.equal(plainValue(store!.profiles.columns.get('geo.city')!, 0), 'Oslo');
  assert.deepEqual(describe(diagnostics), [
    'warning sample-duplicate-field 1: Line 1 gives `geo.city` twice (as a dotted key and as a nested field, which flatten to the same name); the first one is read.',
  ]);
});

test('a line nested 5,000 levels deep loads, the deep part as JSON text, with a warning', () => {
  const deep = `{"user_id":"u2",${'"a":{'.repeat(5000)}"b":1${'}'.repeat(5000)}}`;
  const { store, diagnostics } = load('deep.jsonl', `{"user_id":"u1","age":3}\n${deep}\n`);
  assert.equal(store!.profiles.count, 2);
  assert.deepEqual(describe(diagnostics).map((d) => d.split(':')[0]), ['warning sample-deep-object 2']);
});

test('a file whose columns outgrow the memory budget stops with an error naming the line (issue 12)', () => {
  // Every line brings new top-level names: a column each, as long as the file.
  const content = lines(2000, (i) => ({ user_id: `u${i}`, [`f${i}`]: i, [`g${i}`]: 'x' }));
  const { store, diagnostics } = load('sparse.jsonl', content, { memoryLimitMB: 1 });
  assert.equal(store, undefined);
  const [error] = diagnostics.filter((d) => d.severity === 'error');
  assert.equal(error.code, 'sample-too-large');
  assert.match(error.message, /took more than its memory limit of 1 MB by line [\d,]+ \([\d,]+ columns\), so it was not loaded\. .*segments\.sample\.memoryLimitMB/);
  assert.ok(error.position!.line >= 0 && error.position!.line < 2000);
  // The same file with the default budget loads.
  assert.ok(load('sparse2.jsonl', content).store);
});

test('a CSV file over the memory budget stops the same way', () => {
  let content = 'user_id,text\n';
  for (let i = 0; i < 60_000; i++) content += `u${i},${'v'.repeat(20)}${i}\n`;
  const { store, diagnostics } = load('big.csv', content, { memoryLimitMB: 1 });
  assert.equal(store, undefined);
  assert.deepEqual(diagnostics.map((d) => d.code), ['sample-too-large']);
});
