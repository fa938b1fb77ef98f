import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { diffProject } from '../../../server/src/core/diff/diff-project';
import type { ProjectConfig } from '../../../server/src/core/project/config';
import type { SourceText } from '../../../server/src/core/project/open-projects';
import { ProjectSnapshot } from '../../../server/src/core/workspace/snapshot';
import type { ProjectData } from '../../../server/src/core/workspace/project-data';
import { loadConfig } from '../../../server/src/core/project/load-config';
import { loadProjectData } from '../../../server/src/core/workspace/project-data';
import { makeProject } from '../../support/cli';

const ROOT = '/project';
const file = (name: string) => join(ROOT, name);
const config = { root: ROOT, idColumn: 'user_id' };

/** Both versions as snapshots on the same data, as `segments diff` builds them. */
function diffOf(input: { config: ProjectConfig; base: SourceText[]; head: SourceText[]; data?: ProjectData; selected?: (file: string) => boolean }) {
  const head = new ProjectSnapshot({ config: input.config, configDiagnostics: [], sources: input.head, data: input.data, dataStatus: input.data ? 'ready' : 'none' });
  return diffProject({ base: head.withSources(input.base), head, selected: input.selected });
}

test('a segment moved to another file is moved, not removed and added', () => {
  const d = diffOf({
    config,
    base: [{ path: file('a.segment'), text: 'segment s {\n  include x = 1\n}\n' }],
    head: [{ path: file('a.segment'), text: '' }, { path: file('b.segment'), text: 'segment s { include x = 1 }' }],
  });
  assert.deepEqual(d.segments.map((s) => [s.segment, s.status, s.file, s.movedFrom]), [['s', 'moved', file('b.segment'), file('a.segment')]]);
});

test('moved and edited is changed, with where it came from', () => {
  const d = diffOf({
    config,
    base: [{ path: file('a.segment'), text: 'segment s { include x = 1 }' }],
    head: [{ path: file('b.segment'), text: 'segment s { include x = 2 }' }],
  });
  assert.equal(d.segments[0].status, 'changed');
  assert.equal(d.segments[0].movedFrom, file('a.segment'));
  assert.deepEqual(d.segments[0].changes.include, [{ change: 'changed', before: 'x = 1', after: 'x = 2' }]);
});

test('a block with syntax errors on one side is unreadable there, and its errors are reported by side', () => {
  const d = diffOf({
    config,
    base: [{ path: file('a.segment'), text: 'segment s {\n  include x >\n}\nsegment t { include y = 1 }\n' }],
    head: [{ path: file('a.segment'), text: 'segment s { include x > 1 }\nsegment t { include y = 2 }\n' }],
  });
  assert.deepEqual(d.segments.map((s) => [s.segment, s.status, s.unreadableIn]), [['s', 'unreadable', ['base']], ['t', 'changed', undefined]]);
  assert.equal(d.problems.length, 1);
  assert.equal(d.problems[0].side, 'base');
  assert.equal(d.problems[0].diagnostic.code, 'syntax-error');
});

test('an unreadable block left as it was is unchanged', () => {
  const text = 'segment s {\n  include x >\n}\n';
  const d = diffOf({ config, base: [{ path: file('a.segment'), text }], head: [{ path: file('a.segment'), text }] });
  assert.deepEqual(d.segments, []);
  assert.equal(d.unchanged, 1);
});

test('both sides are sized on the same sample; a segment that uses a changed one is affected', () => {
  const root = makeProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv' }),
    'users.csv': 'user_id,age\nu1,20\nu2,30\nu3,40\nu4,\n',
  });
  const { config: cfg } = loadConfig(join(root, 'segments.config.json'));
  const data = loadProjectData(cfg);
  const uses = 'segment grown { include segment adults }\n';
  const d = diffOf({
    config: cfg,
    data,
    base: [{ path: join(root, 'a.segment'), text: `segment adults { include age > 35 }\n${uses}` }],
    head: [{ path: join(root, 'a.segment'), text: `segment adults { include age > 25 }\n${uses}` }],
  });
  assert.deepEqual(
    d.segments.map((s) => [s.segment, s.status, s.size.before, s.size.after, s.size.change]),
    [['adults', 'changed', 1, 2, 1], ['grown', 'affected', 1, 2, 1]],
  );
});

test('only the selected files are reported', () => {
  const d = diffOf({
    config,
    base: [{ path: file('a.segment'), text: 'segment s { include x = 1 }' }, { path: file('b.segment'), text: 'segment t { include x = 1 }' }],
    head: [{ path: file('a.segment'), text: 'segment s { include x = 2 }' }, { path: file('b.segment'), text: 'segment t { include x = 2 }' }],
    selected: (f) => f === file('b.segment'),
  });
  assert.deepEqual(d.segments.map((s) => s.segment), ['t']);
});
