// A segment's size, or why it has none, and the matches-nobody warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Evaluator } from '../../../server/src/core/evaluate/evaluator';
import type { Readiness } from '../../../server/src/core/workspace/readiness';
import { matchesNobody, sizeSegment, unsizedReason } from '../../../server/src/core/workspace/sizes';
import { makeStore, projectOf } from '../evaluate/fixtures';

const store = makeStore({ types: { age: 'number' }, profiles: [{ id: 'a', age: 20 }, { id: 'b', age: 40 }, { id: 'c', age: null }, { id: 'd', age: 60 }] });
const segments = projectOf('segment old { include age > 30 }\nsegment nobody { include age > 99 }');
const evaluator = new Evaluator(store, { asOfDay: 0 });
const ready = { kind: 'ready' } as const;

test('a ready segment is counted, with its funnel and, with a population, an estimate', () => {
  const size = sizeSegment({ decl: segments.get('old')!, readiness: ready, segmentsById: segments, evaluator, population: 1000 });
  assert.equal(size.kind, 'sized');
  if (size.kind !== 'sized') return;
  assert.deepEqual([size.count, size.total, size.funnel.length], [2, 4, 1]);
  assert.equal(size.estimate?.estimate, 500);
});

test('why there is no number: no sample comes first, then the definition, then a sample still loading', () => {
  const decl = segments.get('old')!;
  const broken: Readiness = { kind: 'has-errors', errorCount: 2, errors: [] };
  assert.deepEqual(sizeSegment({ decl, readiness: broken, segmentsById: segments, evaluator: 'none' }), { kind: 'no-sample', problem: 'none' });
  assert.equal(sizeSegment({ decl, readiness: broken, segmentsById: segments, evaluator: 'loading' }), broken);
  assert.deepEqual(sizeSegment({ decl, readiness: ready, segmentsById: segments, evaluator: 'loading' }), { kind: 'no-sample', problem: 'loading' });
});

test('the reasons in words', () => {
  assert.equal(unsizedReason({ kind: 'has-errors', errorCount: 1, errors: [] }), 'fix 1 error');
  assert.equal(unsizedReason({ kind: 'has-errors', errorCount: 3, errors: [] }), 'fix 3 errors');
  assert.equal(unsizedReason({ kind: 'waits-on', dependencies: ['a', 'b'] }), 'waits on `a`, `b`, which have errors');
  assert.equal(unsizedReason({ kind: 'no-sample', problem: 'unreadable' }), 'the sample could not be read');
  assert.equal(unsizedReason({ kind: 'no-sample', problem: 'none' }), 'no sample: set "sample" in segments.config.json');
});

test('matches nobody: a warning on the id of a segment that counts 0 of a non-empty sample, nothing otherwise', () => {
  const decl = segments.get('nobody')!;
  const size = sizeSegment({ decl, readiness: ready, segmentsById: segments, evaluator });
  const warning = matchesNobody('/p/a.segment', decl, size);
  assert.equal(warning?.code, 'matches-nobody');
  assert.equal(warning?.severity, 'warning');
  assert.deepEqual(warning?.span, decl.id!.span);
  assert.equal(warning?.message, 'segment `nobody` matches nobody in the sample (0 of 4 profiles)');
  assert.equal(matchesNobody('/p/a.segment', decl, { kind: 'sized', count: 0, total: 0, funnel: [] }), undefined);
  assert.equal(matchesNobody('/p/a.segment', segments.get('old')!, sizeSegment({ decl: segments.get('old')!, readiness: ready, segmentsById: segments, evaluator })), undefined);
});
