// Block rules: `include` is required, properties are given once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCases } from './cases';
import { checkSources } from './fixtures';

runCases(
  [
    {
      whole: true,
      source: 'segment ⟦no_include⟧ {\n  title "Nobody"\n  exclude age > 3\n}\n',
      code: 'missing-include',
      severity: 'error',
      message: 'segment `no_include` has no `include`, so nobody is in it; add `include` followed by the conditions for who is in',
    },
    {
      whole: true,
      source: 'segment ⟦empty⟧ {}\n',
      code: 'missing-include',
      severity: 'error',
      message: 'segment `empty` has no `include`, so nobody is in it; add `include` followed by the conditions for who is in',
    },
    {
      whole: true,
      source: 'segment s {\n  title "One"\n  ⟦title⟧ "Two"\n  include age > 1\n}\n',
      code: 'duplicate-property',
      severity: 'error',
      message: '`title` is given twice in this segment; keep one `title`',
    },
    {
      whole: true,
      source: 'segment s {\n  include age > 1\n  ⟦include⟧ age < 9\n}\n',
      code: 'duplicate-property',
      severity: 'error',
      message: '`include` is given twice in this segment; join the conditions with `and` or `or` in one `include`',
    },
    {
      whole: true,
      source: 'segment s {\n  tags a\n  include age > 1\n  ⟦tags⟧ b\n}\n',
      code: 'duplicate-property',
      severity: 'error',
      message: '`tags` is given twice in this segment; list every tag in one `tags`, separated by commas',
    },
    {
      whole: true,
      source: 'segment s {\n  include age > 1\n  exclude age > 5\n  ⟦exclude⟧ age > 7\n}\n',
      code: 'duplicate-property',
      severity: 'error',
      message: '`exclude` is given twice in this segment; join the conditions with `or` in one `exclude`',
    },
  ],
  undefined,
);

test('the duplicate points back at the first occurrence', () => {
  const text = 'segment s {\n  owner "a"\n  owner "b"\n  include age > 1\n}\n';
  const [d] = checkSources([{ path: '/p/a.segment', text }]);
  const first = text.indexOf('owner');
  assert.deepEqual(d.related, [{ file: '/p/a.segment', span: { start: first, end: first + 5 }, message: 'the first `owner`' }]);
});

test('a segment with a syntax error is not told it lacks `include`', () => {
  const text = 'segment s {\n  includ age > 1\n}\n';
  assert.deepEqual(checkSources([{ path: '/p/a.segment', text }]), []);
});
