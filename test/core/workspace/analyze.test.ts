import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeProject, type ParsedSource } from '../../../server/src/core/workspace/analyze';
import { BlockCache } from '../../../server/src/core/syntax/block-cache';

test('parse and check of every file: syntax and semantic diagnostics sorted, segments by id across files (the first of a duplicate)', () => {
  const analysis = analyzeProject(
    [
      { path: '/p/b.segment', text: 'segment s { include segment t }\nsegment s { include age > 1 }' },
      { path: '/p/a.segment', text: 'segment t { include age > }' },
    ],
    undefined,
  );
  assert.deepEqual(analysis.diagnostics.map((d) => `${d.file} ${d.code}`), ['/p/a.segment syntax-error', '/p/b.segment duplicate-segment']);
  assert.equal(analysis.segmentsById.get('s'), analysis.files[0].ast.segments[0]);
  assert.deepEqual([...analysis.segmentsById.keys()].sort(), ['s', 't']);
});

test('caches: an unchanged text keeps its parse, an edited one goes through its block cache', () => {
  const files = new Map<string, ParsedSource>();
  const blocks = new Map<string, BlockCache>();
  const first = analyzeProject([{ path: '/p/a.segment', text: 'segment a { include age > 1 }\nsegment b { include age > 2 }' }], undefined, { files, blocks });
  files.set('/p/a.segment', first.files[0]);
  const again = analyzeProject([{ path: '/p/a.segment', text: 'segment a { include age > 1 }\nsegment b { include age > 2 }' }], undefined, { files, blocks });
  assert.equal(again.files[0], first.files[0]);
  const edited = analyzeProject([{ path: '/p/a.segment', text: 'segment a { include age > 1 }\nsegment b { include age > 3 }' }], undefined, { files, blocks });
  assert.notEqual(edited.files[0], first.files[0]);
  assert.equal(edited.files[0].ast.segments[0], first.files[0].ast.segments[0], 'the unchanged block is reused');
  assert.ok(blocks.has('/p/a.segment'));
});
