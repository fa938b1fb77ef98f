// Where completion thinks the cursor is, on hostile text: a very long run of
// name characters (issue 12: 7.4 s per completion at 160k characters, with
// every later request queued behind it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionSite } from '../../server/src/lsp/completion-context';

test('the partial word before the cursor is the identifier that ends there', () => {
  for (const [line, word] of [['include ag', 'ag'], ['include 12ab', 'ab'], ['include x_1', 'x_1'], ['include 1_a', '_a'], ['include 42', '']] as const) {
    const text = `segment s {\n  ${line}`;
    assert.equal(completionSite(text, text.length).prefix, word, line);
  }
});

test('completion after an identifier of 300,000 characters answers in linear time', () => {
  const text = `segment s {\n  include ${'a1'.repeat(150_000)}`;
  const started = performance.now();
  const site = completionSite(text, text.length);
  const took = performance.now() - started;
  assert.equal(site.prefix.length, 300_000);
  // The end-anchored identifier pattern retried from every start: about 25 s at this length.
  assert.ok(took < 2000, `took ${Math.round(took)} ms`);
});
