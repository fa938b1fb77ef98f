// Large files format in time that grows with their size, not its square.
// The bounds are generous (a slow CI machine passes); a quadratic step in the
// formatter would miss them by far: 10,000 lines squared is 10^8 steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSegments } from '../../../server/src/core/format/format';

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

function block(i: number): string {
  return `segment s${i} {
  title "Segment ${i}" # why
  # the audience
  include   age>=18 and city in ("Oslo","Bergen")
    and (did purchase where (amount > ${i}) at least 3 times within last 30 days or vip)
  exclude segment s${i + 1}
}
`;
}

function file(lines: number): string {
  return Array.from({ length: Math.ceil(lines / 8) }, (_, i) => block(i)).join('\n');
}

test('a 10,000-line file of ordinary blocks formats in a few seconds', () => {
  const text = file(10_000);
  assert.ok(text.split('\n').length >= 10_000);
  const { result, ms } = timed(() => formatSegments(text));
  assert.ok(ms < 15_000, `took ${ms.toFixed(0)} ms`);
  assert.match(result, /segment s1249 \{\n {2}title "Segment 1249" # why\n/);
  assert.equal(formatSegments(result), result);
});

test('four times the lines take about four times as long, not sixteen', () => {
  const small = file(2_500);
  const large = file(10_000);
  formatSegments(small); // warm up the JIT
  const best = (text: string) => Math.min(timed(() => formatSegments(text)).ms, timed(() => formatSegments(text)).ms);
  const ratio = best(large) / best(small);
  assert.ok(ratio < 9, `10,000 lines took ${ratio.toFixed(1)} times as long as 2,500`);
});

test('one block with a 10,000-line condition formats in a few seconds', () => {
  const operands = Array.from({ length: 10_000 }, (_, i) => `    ${i === 0 ? '' : 'and '}a${i} > ${i}`);
  const text = `segment big {\n  include\n${operands.join('\n')}\n}\n`;
  const { result, ms } = timed(() => formatSegments(text));
  assert.ok(ms < 8000, `took ${ms.toFixed(0)} ms`);
  assert.equal(result, text);
});

test('a 10,000-value list on one line formats in a few seconds, one value per line', () => {
  const values = Array.from({ length: 10_000 }, (_, i) => `"c${i}"`);
  const text = `segment big { include city in (${values.join(',')}) }`;
  const { result, ms } = timed(() => formatSegments(text));
  assert.ok(ms < 8000, `took ${ms.toFixed(0)} ms`);
  assert.equal(result.split('\n').length, 10_000 + 6);
});
