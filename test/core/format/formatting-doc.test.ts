// The examples in docs/formatting.md are what the formatter does: every
// complete example is already formatted, and every "becomes" pair holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatSegments } from '../../../server/src/core/format/format';

const doc = readFileSync(new URL('../../../docs/formatting.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```\n([\s\S]*?)```\n(\s*becomes\s*\n)?/g)].map((m) => ({ code: m[1], becomes: m[2] !== undefined }));

test('docs/formatting.md: each "before" example formats into the example after it', () => {
  let pairs = 0;
  blocks.forEach((b, i) => {
    if (!b.becomes) return;
    pairs++;
    assert.equal(formatSegments(b.code), blocks[i + 1].code);
  });
  assert.ok(pairs >= 1);
});

test('docs/formatting.md: every complete example and every property example is already formatted', () => {
  let checked = 0;
  blocks.forEach((b, i) => {
    if (b.becomes || b.code.includes('…')) return;
    if (/^(segment|#)/.test(b.code)) {
      assert.equal(formatSegments(b.code), b.code);
      checked++;
    } else if (/^ {2}(include|exclude)/.test(b.code)) {
      const wrapped = `segment x {\n${b.code}}\n`;
      assert.equal(formatSegments(wrapped), wrapped, `example ${i}`);
      checked++;
    }
  });
  assert.ok(checked >= 5, `only ${checked} examples checked`);
});
