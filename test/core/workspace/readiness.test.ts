// Readiness: whether a definition can be counted and compiled, decided once
// for the CLI and the editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeProject } from '../../../server/src/core/workspace/analyze';
import { readinessOf } from '../../../server/src/core/workspace/readiness';

function readiness(text: string): Record<string, string> {
  const analysis = analyzeProject([{ path: '/p/a.segment', text }], undefined);
  return Object.fromEntries(
    analysis.files[0].ast.segments.map((decl) => {
      const r = readinessOf(analysis, decl);
      return [decl.id?.text ?? '?', r.kind === 'has-errors' ? `has-errors ${r.errorCount}` : r.kind === 'waits-on' ? `waits-on ${r.dependencies.join(',')}` : r.kind];
    }),
  );
}

test('ready, has errors (counted), or waits on segments with errors (transitively, sorted)', () => {
  assert.deepEqual(
    readiness(
      [
        'segment ok { include age > 3 }',
        'segment bad { include age > 3 and segment nowhere and segment nowhere_else }',
        'segment worse { include age > }',
        'segment uses { include segment bad or segment worse }',
        'segment through { include segment uses }',
      ].join('\n'),
    ),
    { ok: 'ready', bad: 'has-errors 2', worse: 'has-errors 1', uses: 'waits-on bad,worse', through: 'waits-on bad,worse' },
  );
});

test('a block with a syntax error counts at least one error, even when the grammar reported it elsewhere', () => {
  assert.equal(readiness('segment s {\n  include age > 3\n')['s'], 'has-errors 1');
});

test('a cycle is an error of its members, and whoever uses them waits', () => {
  assert.deepEqual(readiness('segment a { include segment b }\nsegment b { include segment a }\nsegment c { include segment a }'), {
    a: 'has-errors 1',
    b: 'has-errors 1',
    c: 'waits-on a',
  });
});
