// Sizing a segment without its broken conditions: what is left out (whole
// top-level conditions, or the whole exclude), what the count is then, and
// when nothing can be counted. The counts are checked against the same
// segment written without the broken part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openProject } from './helpers';

const USERS = 'user_id,age,city,vip\nu1,30,Oslo,true\nu2,41,Bergen,false\nu3,,Oslo,true\nu4,25,Oslo,false\nu5,52,Tromsø,true\n';

function sizeOf(text: string, id = 's') {
  const { snapshot } = openProject({ 'users.csv': USERS, 'a.segment': text });
  const entry = snapshot.segment(id)!;
  return { snapshot, size: snapshot.size(entry.decl), lineOf: (o: number) => snapshot.lineOf(entry.file, o) };
}

function countOf(text: string, id = 's'): number {
  const { size } = sizeOf(text, id);
  assert.equal(size.kind, 'sized', `${text} is sized`);
  return size.kind === 'sized' ? size.count : -1;
}

test('a half-typed `and` before the exclude: counted without it, the exclude kept, "without line 4 (incomplete)"', () => {
  const { size, lineOf } = sizeOf('segment s {\n  include\n    city = "Oslo"\n    and\n  exclude vip\n}\n');
  assert.equal(size.kind, 'partial');
  if (size.kind !== 'partial') return;
  assert.equal(size.count, countOf('segment s {\n  include city = "Oslo"\n  exclude vip\n}\n'));
  assert.deepEqual(size.leftOut.map((p) => [lineOf(p.span.start), p.kind, p.incomplete]), [[4, 'include', true]]);
  assert.equal(size.errorCount, 1);
  assert.deepEqual(size.funnel.map((s) => [s.kind, s.remaining]), [['include', 3], ['exclude', 1]]);
});

test('a condition with an unknown attribute is left out as "with errors"; the others are counted', () => {
  const { size } = sizeOf('segment s {\n  include city = "Oslo" and agee > 20 and vip\n}\n');
  assert.equal(size.kind, 'partial');
  if (size.kind !== 'partial') return;
  assert.equal(size.count, countOf('segment s {\n  include city = "Oslo" and vip\n}\n'));
  assert.deepEqual(size.leftOut.map((p) => p.incomplete), [false]);
});

test('an error inside an `or` group or under `not` leaves out the whole group: an upper bound, never a trimmed `or`', () => {
  const { size } = sizeOf('segment s {\n  include age > 20 and (city = "Oslo" or age >) and not (vip and citty = "x")\n}\n');
  assert.equal(size.kind, 'partial');
  if (size.kind !== 'partial') return;
  assert.equal(size.leftOut.length, 2);
  assert.equal(size.count, countOf('segment s {\n  include age > 20\n}\n'));
  // The finished segment can only have as many members or fewer, whatever the broken parts become.
  assert.ok(countOf('segment s {\n  include age > 20 and (city = "Oslo" or age > 40) and not (vip and city = "x")\n}\n') <= size.count);
});

test('a broken exclude is left out whole: more members, never fewer', () => {
  const { size } = sizeOf('segment s {\n  include city = "Oslo"\n  exclude vip or age >\n}\n');
  assert.equal(size.kind, 'partial');
  if (size.kind !== 'partial') return;
  assert.equal(size.count, 3);
  assert.deepEqual(size.leftOut.map((p) => p.kind), ['exclude']);
  assert.deepEqual(size.funnel.map((s) => s.kind), ['include']);
});

test('nothing to count: the only include condition is broken, or an error lies outside the conditions', () => {
  assert.equal(sizeOf('segment s {\n  include agee > 3\n}\n').size.kind, 'has-errors');
  assert.equal(sizeOf('segment s {\n  include city = "Oslo" or agee > 3\n}\n').size.kind, 'has-errors');
  assert.equal(sizeOf('segment s {\n  title 42\n  include city = "Oslo" and agee > 3\n}\n').size.kind, 'has-errors');
});

test('a segment using one with errors still waits on it; a partial size is no "matches nobody"', () => {
  const text = 'segment s {\n  include city = "Nowhere" and agee > 3\n}\nsegment t {\n  include segment s\n}\n';
  const { snapshot } = openProject({ 'users.csv': USERS, 'a.segment': text });
  assert.equal(snapshot.size(snapshot.segment('t')!.decl).kind, 'waits-on');
  assert.equal(snapshot.size(snapshot.segment('s')!.decl).kind, 'partial');
  assert.deepEqual(snapshot.diagnostics().filter((d) => d.code === 'matches-nobody'), []);
});

test('members and the funnel of a partial size are those of the segment without the broken parts', () => {
  const { snapshot } = sizeOf('segment s {\n  include city = "Oslo" and agee > 3\n  exclude vip\n}\n');
  const decl = snapshot.segment('s')!.decl;
  const funnel = snapshot.funnel(decl)!;
  assert.deepEqual(funnel.rows.map((r) => [r.line, r.remaining]), [[2, 3], [3, 1]]);
  assert.deepEqual(funnel.leftOut.map((l) => [l.line, l.text, l.incomplete]), [[2, 'agee > 3', false]]);
  assert.ok(snapshot.members(decl));
});
