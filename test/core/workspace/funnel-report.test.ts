// The funnel as people read it: line, text, remaining, share, drop, the biggest drop, `or` alternatives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionText } from '../../../server/src/core/workspace/funnel-report';
import { openProject } from './helpers';

const USERS = 'user_id,age,city,vip\nu1,30,Oslo,true\nu2,41,Bergen,false\nu3,,Oslo,true\nu4,25,Oslo,false\nu5,52,Tromsø,true\n';

test('one row per top-level condition and the exclude, with drops, shares and the biggest drop', () => {
  const text = 'segment s {\n  include\n    age > 20\n    and (city = "Oslo"\n      or vip)\n  exclude age > 50\n}\n';
  const { snapshot } = openProject({ 'users.csv': USERS, 'a.segment': text });
  const funnel = snapshot.funnel(snapshot.segment('s')!.decl)!;
  assert.equal(funnel.total, 5);
  assert.equal(funnel.count, 2);
  assert.deepEqual(funnel.rows.map((r) => [r.kind, r.line, r.text, r.remaining, r.drop, r.matching, r.biggestDrop]), [
    ['include', 3, 'age > 20', 4, 1, 4, false],
    ['include', 4, '(city = "Oslo" or vip)', 3, 1, 4, false],
    ['exclude', 6, 'exclude age > 50', 2, 1, 1, false],
  ].map((r, i) => (i === 0 ? [...r.slice(0, 6), true] : r)));
  assert.deepEqual(funnel.rows[1].branches, [
    { line: 4, text: 'city = "Oslo"', matching: 2 },
    { line: 5, text: 'vip', matching: 2 },
  ]);
  assert.equal(funnel.rows[0].share, 4 / 5);
  assert.equal(funnel.rows[1].dropShare, 1 / 4);
});

test('condition text is one line, cut past 80 characters', () => {
  assert.equal(conditionText('a  >\n   1', { start: 0, end: 9 }), 'a > 1');
  const long = `x in (${'"v", '.repeat(40)}"w")`;
  const cut = conditionText(long, { start: 0, end: long.length });
  assert.equal(cut.length, 80);
  assert.ok(cut.endsWith('…'));
});
