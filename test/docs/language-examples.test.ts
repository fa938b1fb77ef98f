// The language reference's examples must stay true: every fenced block that
// holds segments parses without errors; single-condition lines parse inside a segment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseSegments } from '../../server/src/core/syntax/parser';

const doc = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the reference has examples', () => {
  assert.ok(blocks.length >= 3);
});

blocks.forEach((block, i) => {
  test(`example block ${i + 1} parses`, () => {
    const text = /^\s*(#.*\n\s*)*segment\s/m.test(block)
      ? block
      : block.split('\n').filter((l) => l.trim()).map((l, j) => `segment example_${j} { include ${l} }`).join('\n');
    const { diagnostics } = parseSegments(text, 'example.segment');
    assert.deepEqual(diagnostics.map((d) => d.message), [], text);
  });
});

test('every condition in the forms table parses', () => {
  const rows = doc.split('\n').filter((l) => l.startsWith('| `') && /\| (number|text|date|list|boolean|any|events|—)/.test(l));
  assert.ok(rows.length >= 15, `found ${rows.length} rows`);
  for (const row of rows) {
    const first = row.split('|')[1];
    for (const code of first.matchAll(/`([^`]+)`/g)) {
      const condition = code[1];
      if (/^(<=|<|>|>=)$/.test(condition) || condition === 'ends with ".no"' || condition === 'did purchase …') continue;
      const { diagnostics } = parseSegments(`segment s { include ${condition} }`, 'f');
      assert.deepEqual(diagnostics.map((d) => d.message), [], condition);
    }
  }
});
