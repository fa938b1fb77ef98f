// One number format for every place that shows a size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEstimate } from '../../../server/src/core/text/numbers';
import { estimateSentence, sizeExplanation, sizeTitle, stepLabel, withoutWords } from '../../../server/src/core/workspace/size-words';
import type { SegmentSize } from '../../../server/src/core/workspace/sizes';

const lineOf = (offset: number): number => offset + 1;

test('an estimate and its range share one scale', () => {
  assert.equal(formatEstimate(11_000, 7_361, 16_500), '≈ 11k (7.36k–16.5k)');
  assert.equal(formatEstimate(578_000, 561_000, 595_000), '≈ 578k (561k–595k)');
  assert.equal(formatEstimate(1_200_000, 360_000, 2_040_000), '≈ 1.2M (0.36M–2.04M)');
  assert.equal(formatEstimate(950, 700, 1_204), '≈ 950 (700–1,204)');
  assert.equal(formatEstimate(0, 0, 1_842), '≈ 0 (0–1,842)');
});

test('the headline: count of total (share) · estimate of population; zero says "matches nobody"', () => {
  const sized: SegmentSize = { kind: 'sized', count: 1204, total: 5000, funnel: [], estimate: { estimate: 578_000, low: 561_000, high: 595_000 } };
  assert.equal(sizeTitle(sized, lineOf, 2_400_000), '1,204 of 5,000 (24.1%) · ≈ 578k (561k–595k) of 2.4M');
  assert.equal(sizeTitle({ ...sized, estimate: undefined }, lineOf), '1,204 of 5,000 (24.1%)');
  assert.equal(sizeTitle({ kind: 'sized', count: 0, total: 5000, funnel: [] }, lineOf, 2_400_000), '0 of 5,000 · matches nobody');
  assert.equal(estimateSentence({ estimate: 37_400, low: 30_000, high: 46_600 }, 2_400_000), '≈ 37.4k people (30k–46.6k, 95% range) of 2.4M');
  assert.match(sizeExplanation(sized, lineOf, 2_400_000), /1,204 profiles of the 5,000 in the sample \(24\.1%\) match\. In the real audience that is ≈ 578k people/);
});

test('a partial size says "at most" and which lines it was counted without', () => {
  const partial: SegmentSize = {
    kind: 'partial', count: 78, total: 5000, funnel: [], errorCount: 1, errors: [],
    leftOut: [{ span: { start: 13, end: 13 }, kind: 'include', incomplete: true }],
  };
  assert.equal(sizeTitle(partial, lineOf), '≤ 78 of 5,000 (1.6%) · without line 14 (incomplete)');
  assert.match(sizeExplanation(partial, lineOf), /at most 78 profiles of 5,000/);
  assert.equal(withoutWords([
    { span: { start: 16, end: 20 }, kind: 'exclude', incomplete: false },
    { span: { start: 13, end: 14 }, kind: 'include', incomplete: true },
  ], lineOf), 'without lines 14 and 17 (incomplete or with errors)');
});

test('reasons when there is no number, and the hint label', () => {
  assert.equal(sizeTitle({ kind: 'has-errors', errorCount: 2, errors: [] }, lineOf), 'fix 2 errors to see its size');
  assert.equal(sizeTitle({ kind: 'waits-on', dependencies: ['a'] }, lineOf), 'fix the errors in `a` to see its size');
  assert.equal(sizeTitle({ kind: 'no-sample', problem: 'loading' }, lineOf), 'loading sample…');
  assert.equal(stepLabel(719, 5000), '→ 719 · 14.4%');
});
