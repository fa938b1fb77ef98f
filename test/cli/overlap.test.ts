// `segments overlap`: pairs, the share of each, Jaccard; checked by hand on a
// four-profile sample.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeProject, runSegments } from '../support/cli';

const USERS = 'user_id,age,city,vip\nu1,30,Oslo,true\nu2,41,Bergen,false\nu3,,Oslo,true\nu4,25,Trondheim,\n';
const SEGMENTS = `segment oslo {
  include city = "Oslo"
}
segment vip {
  include vip
}
segment young {
  include age < 35
}
segment nobody {
  include age > 99
}
`;

function project(segments = SEGMENTS): string {
  return makeProject({ 'segments.config.json': JSON.stringify({ sample: 'users.csv', asOf: '2026-11-01' }), 'users.csv': USERS, 'a.segment': segments });
}

test('overlap with one id: that segment against every other, most shared first', () => {
  const r = runSegments(['overlap', 'oslo', '--format', 'json'], project());
  assert.equal(r.status, 0, r.stderr);
  // oslo = u1 u3; vip = u1 u3; young = u1 u4; nobody = none.
  assert.deepEqual(JSON.parse(r.stdout), [
    { a: 'oslo', b: 'vip', aMembers: 2, bMembers: 2, both: 2, shareOfA: 1, shareOfB: 1, jaccard: 1 },
    { a: 'oslo', b: 'young', aMembers: 2, bMembers: 2, both: 1, shareOfA: 0.5, shareOfB: 0.5, jaccard: 1 / 3 },
    { a: 'oslo', b: 'nobody', aMembers: 2, bMembers: 0, both: 0, shareOfA: 0, shareOfB: 0, jaccard: 0 },
  ]);
});

test('overlap with no id: every pair that shares anyone; with several: every pair of them in order', () => {
  const all = JSON.parse(runSegments(['overlap', '--format', 'json'], project()).stdout) as { a: string; b: string; both: number }[];
  assert.deepEqual(all.map((r) => `${r.a}+${r.b}=${r.both}`), ['oslo+vip=2', 'oslo+young=1', 'vip+young=1']);
  const some = JSON.parse(runSegments(['overlap', 'young', 'oslo', 'nobody', '--format', 'json'], project()).stdout) as { a: string; b: string }[];
  assert.deepEqual(some.map((r) => `${r.a}+${r.b}`), ['young+oslo', 'young+nobody', 'oslo+nobody']);
});

test('overlap as a table and as Markdown', () => {
  const table = runSegments(['overlap', 'oslo'], project());
  assert.match(table.stdout, /^a {5}b {7}both {2}share of a {2}share of b {2}jaccard\n/);
  assert.match(table.stdout, /oslo {2}young {6}1 {7}50\.0% {7}50\.0% {4}0\.333/);
  const markdown = runSegments(['overlap', 'oslo', '--format', 'markdown'], project());
  assert.match(markdown.stdout, /^### Audience overlap\n\n\| Segment A \| Segment B \| Both \| Share of A \| Share of B \| Jaccard \|\n/);
  assert.match(markdown.stdout, /\| `oslo` \| `vip` \| 2 \| 100\.0% \| 100\.0% \| 1\.000 \|/);
});

test('an unknown id is bad usage; a segment with errors is named and exits 1', () => {
  const unknown = runSegments(['overlap', 'nope'], project());
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no segment `nope`/);
  const broken = runSegments(['overlap', 'oslo', 'bad', '--format', 'json'], project(`${SEGMENTS}segment bad {\n  include agee > 1\n}\n`));
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /`bad` cannot be counted: fix 1 error/);
  assert.deepEqual(JSON.parse(broken.stdout), []);
});
