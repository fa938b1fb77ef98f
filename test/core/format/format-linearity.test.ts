// Large files format with work that grows with their size, not its square,
// proven without a clock: the layout counts its steps (every Doc the printer
// or its `fits` look-ahead visits, print-doc.ts LayoutWork), and four times
// the input must take about four times the steps. A `fits` that looked past
// the line's width, or a quadratic step anywhere in the layout, would take
// sixteen times as many on the long condition and the long list. Wall-clock
// figures for the same inputs are in bench/format.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSegments, formatSegmentsWithReport } from '../../../server/src/core/format/format';

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

function longCondition(operands: number): string {
  const lines = Array.from({ length: operands }, (_, i) => `    ${i === 0 ? '' : 'and '}a${i} > ${i}`);
  return `segment big {\n  include\n${lines.join('\n')}\n}\n`;
}

function longList(values: number): string {
  return `segment big { include city in (${Array.from({ length: values }, (_, i) => `"c${i}"`).join(',')}) }`;
}

function stepsRatio(make: (n: number) => string, n: number): number {
  const small = formatSegmentsWithReport(make(n));
  const large = formatSegmentsWithReport(make(4 * n));
  assert.equal(small.guardTripped || large.guardTripped, false);
  assert.ok(small.layoutSteps > 0);
  return large.layoutSteps / small.layoutSteps;
}

test('a 10,000-line file of ordinary blocks: every block laid out, formatting is idempotent', () => {
  const text = file(10_000);
  assert.ok(text.split('\n').length >= 10_000);
  const result = formatSegments(text);
  assert.match(result, /segment s1249 \{\n {2}title "Segment 1249" # why\n/);
  assert.equal(formatSegments(result), result);
});

test('four times the lines take four times the layout steps, not sixteen', () => {
  const ratio = stepsRatio(file, 2_500);
  assert.ok(ratio > 3.5 && ratio < 4.5, `10,000 lines took ${ratio.toFixed(2)} times the steps of 2,500`);
});

test('a condition four times as long takes about four times the layout steps', () => {
  const ratio = stepsRatio(longCondition, 2_500);
  assert.ok(ratio < 4.5, `10,000 operands took ${ratio.toFixed(2)} times the steps of 2,500`);
  const text = longCondition(10_000);
  assert.equal(formatSegments(text), text);
});

test('a list four times as long takes about four times the layout steps, one value per line', () => {
  const ratio = stepsRatio(longList, 2_500);
  assert.ok(ratio < 4.5, `10,000 values took ${ratio.toFixed(2)} times the steps of 2,500`);
  assert.equal(formatSegments(longList(10_000)).split('\n').length, 10_000 + 6);
});
