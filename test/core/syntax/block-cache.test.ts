// Parsing with a BlockCache gives exactly what parsing from scratch gives, for
// every version of a document being edited; and unchanged blocks are reused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import { BlockCache } from '../../../server/src/core/syntax/block-cache';

const DOC = `# Autumn campaign
segment abandoned_cart {
  title "Abandoned cart"
  tags retargeting, email
  include
    cart_items > 0
    and last_cart_at within last 7 days
    and city in ("Oslo", "Bergen")
    and not did purchase where (amount >= 100) at least 2 times within last 7 days
  exclude segment existing_customers or email_opt_in = false
}

segment existing_customers {
  include purchase_count >= 1 and \`Preferred channel\` is present
}

segment broken {
  include age > and
  exclude device = mobile
}

segment dates {
  description "Signed up in January"
  include signup_date between 2026-01-01 and 2026-01-31T08:00:00Z
}
`;

const SNIPPETS = ['segment', 'segment x {', '{', '}', '(', ')', ' and ', ' or ', 'age > 3', '"', '`', '@', '&', '\n', ' ', 'x', '7 days', '#c\n', '2026-02-30'];

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 4 })),
});

test('every version of an edited document parses with the cache exactly as without it', () => {
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
      const cache = new BlockCache();
      let text = DOC;
      assert.deepStrictEqual(parseSegments(text, 'f.segment', cache), parseSegments(text, 'f.segment'));
      for (const { at, remove, insert } of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + insert + text.slice(i + remove);
        assert.deepStrictEqual(parseSegments(text, 'f.segment', cache), parseSegments(text, 'f.segment'), JSON.stringify(text));
      }
    }),
    { numRuns: 250 },
  );
});

test('after an edit in one block, the blocks before it are the same objects and the ones after are moved copies', () => {
  const cache = new BlockCache();
  const first = parseSegments(DOC, 'f.segment', cache).ast.segments;
  const at = DOC.indexOf('purchase_count >= 1') + 'purchase_count >= '.length;
  const edited = `${DOC.slice(0, at)}12${DOC.slice(at + 1)}`;
  const second = parseSegments(edited, 'f.segment', cache).ast.segments;
  assert.equal(second[0], first[0], 'the block before the edit is reused as is');
  assert.notEqual(second[1], first[1], 'the edited block is parsed again');
  assert.equal(second[2].id?.text, 'broken');
  assert.equal(second[2].span.start, first[2].span.start + 1, 'the block after the edit moved by one character');
  assert.equal(cache.size, 4);
});

test('a diagnostic of a moved block points at its new place', () => {
  const cache = new BlockCache();
  parseSegments(DOC, 'f.segment', cache);
  const edited = `# one more comment line\n${DOC}`;
  const shift = '# one more comment line\n'.length;
  const before = parseSegments(DOC, 'f.segment').diagnostics;
  const after = parseSegments(edited, 'f.segment', cache).diagnostics;
  assert.ok(before.length > 0);
  assert.deepEqual(
    after.map((d) => [d.code, d.span.start, d.span.end]),
    before.map((d) => [d.code, d.span.start + shift, d.span.end + shift]),
  );
});

test('a cache used for another file starts afresh', () => {
  const cache = new BlockCache();
  parseSegments(DOC, 'a.segment', cache);
  const result = parseSegments(DOC, 'b.segment', cache);
  assert.ok(result.diagnostics.every((d) => d.file === 'b.segment'));
  assert.deepStrictEqual(result, parseSegments(DOC, 'b.segment'));
});
