// Flattening JSON objects into columns: iterative (any depth), objects nested
// too deep or keyed by data kept whole as one JSON text cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenInto, MAX_NESTING, MAX_OBJECT_KEYS, ObjectShapes, type FlatRow } from '../../../server/src/core/sample/json-flatten';

function flat(obj: Record<string, unknown>, shapes = new ObjectShapes(), whole?: (path: string) => 'text' | 'keys' | undefined) {
  const row: FlatRow = { names: [], values: [] };
  flattenInto(obj, row, shapes, 1, whole);
  return Object.fromEntries(row.names.map((n, i) => [n, row.values[i]]));
}

test('a line nested 5,000 levels deep flattens to a column at the nesting limit holding the rest as JSON', () => {
  const depth = 5000;
  const obj = JSON.parse(`{"id":"u1",${'"a":{'.repeat(depth)}"leaf":1${'}'.repeat(depth)}}`) as Record<string, unknown>;
  const shapes = new ObjectShapes();
  const cells = flat(obj, shapes);
  const path = Array(MAX_NESTING + 1).fill('a').join('.');
  assert.deepEqual(Object.keys(cells), ['id', path]);
  assert.equal(cells[path], `${'{"a":'.repeat(depth - MAX_NESTING - 1)}{"leaf":1}${'}'.repeat(depth - MAX_NESTING - 1)}`);
  assert.deepEqual([...shapes.deep], [[path, 1]]);
});

test('an object path with more than MAX_OBJECT_KEYS different keys across rows turns wide: kept whole from then on', () => {
  const shapes = new ObjectShapes();
  let firstWhole = -1;
  for (let i = 0; i <= MAX_OBJECT_KEYS + 1; i++) {
    const cells = flat({ id: `u${i}`, geo: { city: 'Oslo' }, cart: { [`p${i}`]: 1 } }, shapes);
    if (firstWhole < 0 && 'cart' in cells) firstWhole = i;
    if (firstWhole < 0) assert.deepEqual(cells, { id: `u${i}`, 'geo.city': 'Oslo', [`cart.p${i}`]: 1 });
  }
  // geo.city is one key however many rows: a record, not a map.
  assert.equal(firstWhole, MAX_OBJECT_KEYS);
  assert.equal(shapes.isWide('geo'), false);
  assert.equal(shapes.isWide('cart'), true);
  assert.deepEqual(flat({ cart: { p1: 2, p2: 1 } }, shapes), { cart: '{"p1":2,"p2":1}' });
});

test('the caller decides for declared paths: the keys as a list, or the JSON text', () => {
  const whole = (path: string) => (path === 'cart' ? 'keys' : path === 'meta' ? 'text' : undefined);
  assert.deepEqual(flat({ cart: { p1: 2, p2: 1 }, meta: { a: { b: [1] } }, geo: { city: 'Oslo' } }, new ObjectShapes(), whole), {
    cart: ['p1', 'p2'],
    meta: '{"a":{"b":[1]}}',
    'geo.city': 'Oslo',
  });
});

test('document order is kept, and a dotted key and a nested field flatten to the same name', () => {
  const row: FlatRow = { names: [], values: [] };
  flattenInto({ 'geo.city': 'A', geo: { city: 'B', zip: '0150' }, z: [{ q: [1] }, null, 'x'] }, row, new ObjectShapes(), 1);
  assert.deepEqual(row.names, ['geo.city', 'geo.city', 'geo.zip', 'z']);
  assert.deepEqual(row.values, ['A', 'B', '0150', ['{"q":[1]}', 'x']]);
});
