import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDefinitions, describeAsAdded, type DefinitionChanges } from '../../../server/src/core/diff/compare-definitions';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import type { SegmentDecl } from '../../../server/src/core/syntax/ast';

function decl(body: string): SegmentDecl {
  const { ast, diagnostics } = parseSegments(`segment s {\n${body}\n}\n`, 's.segment');
  assert.deepEqual(diagnostics, [], body);
  return ast.segments[0];
}

function compare(before: string, after: string): DefinitionChanges {
  return compareDefinitions(decl(before), decl(after));
}

const NONE: DefinitionChanges = { metadata: [], include: [], exclude: [] };

test('reordering and reformatting the and-conditions is no change', () => {
  assert.deepEqual(
    compare('include age > 30 and city = "Oslo" and vip', 'include\n  vip\n  and city = "Oslo"\n  and (age > 30)'),
    NONE,
  );
});

test('an edited condition on the same attribute is changed; others are added or removed', () => {
  const c = compare(
    'include age > 30 and city = "Oslo" and did purchase within last 7 days',
    'include age > 35 and did purchase within last 14 days and device = "mobile"',
  );
  assert.deepEqual(c.include, [
    { change: 'changed', before: 'age > 30', after: 'age > 35' },
    { change: 'removed', before: 'city = "Oslo"' },
    { change: 'changed', before: 'did purchase within last 7 days', after: 'did purchase within last 14 days' },
    { change: 'added', after: 'device = "mobile"' },
  ]);
  assert.deepEqual(c.metadata, []);
  assert.deepEqual(c.exclude, []);
});

test('a negated condition pairs with its plain form', () => {
  const c = compare('include a = 1 and not did purchase within last 7 days', 'include a = 1 and did purchase within last 7 days');
  assert.deepEqual(c.include, [{ change: 'changed', before: 'not did purchase within last 7 days', after: 'did purchase within last 7 days' }]);
});

test('an or falls back to the whole expression, before and after', () => {
  const c = compare('include a = 1\nexclude segment x or b = false', 'include a = 1\nexclude segment x or b = true');
  assert.deepEqual(c.exclude, [{ change: 'replaced', before: 'segment x or b = false', after: 'segment x or b = true' }]);
});

test('an edited nested group falls back to the whole expression; an untouched one does not', () => {
  const edited = compare('include a = 1 and (b = 1 or c = 1)', 'include a = 1 and (b = 1 or c = 2)');
  assert.deepEqual(edited.include, [{ change: 'replaced', before: 'a = 1 and (b = 1 or c = 1)', after: 'a = 1 and (b = 1 or c = 2)' }]);
  const untouched = compare('include a = 1 and (b = 1 or c = 1)', 'include a = 2 and (b = 1 or c = 1)');
  assert.deepEqual(untouched.include, [{ change: 'changed', before: 'a = 1', after: 'a = 2' }]);
});

test('an exclude that appears or disappears lists its conditions', () => {
  assert.deepEqual(compare('include a = 1', 'include a = 1\nexclude b = 2 and c = 3').exclude, [
    { change: 'added', after: 'b = 2' },
    { change: 'added', after: 'c = 3' },
  ]);
  assert.deepEqual(compare('include a = 1\nexclude b = 2 or c = 3', 'include a = 1').exclude, [{ change: 'removed', before: 'b = 2 or c = 3' }]);
});

test('metadata: each property before and after; tag order does not matter', () => {
  const c = compare(
    'title "Old"\nowner "growth"\ntags a, b\ninclude x = 1',
    'title "New"\ndescription "Why"\ntags b, a\ninclude x = 1',
  );
  assert.deepEqual(c.metadata, [
    { property: 'title', before: 'Old', after: 'New' },
    { property: 'description', before: null, after: 'Why' },
    { property: 'owner', before: 'growth', after: null },
  ]);
  assert.deepEqual(compare('tags a\ninclude x = 1', 'tags a, c\ninclude x = 1').metadata, [{ property: 'tags', before: 'a', after: 'a, c' }]);
});

test('duplicate conditions count as many times as they are written', () => {
  assert.deepEqual(compare('include a = 1 and a = 1', 'include a = 1').include, [{ change: 'removed', before: 'a = 1' }]);
});

test('a new segment is shown with everything added', () => {
  assert.deepEqual(describeAsAdded(decl('title "T"\ninclude a = 1 and b = 2')), {
    metadata: [{ property: 'title', before: null, after: 'T' }],
    include: [{ change: 'added', after: 'a = 1' }, { change: 'added', after: 'b = 2' }],
    exclude: [],
  });
});
