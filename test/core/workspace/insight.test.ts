// The insight panel's data for a segment of the demo project, checked against
// numbers computed another way: member ids from the evaluator for overlaps,
// and plain counting over the sample CSV for members vs everyone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openSnapshots } from '../../../server/src/core/workspace/open-snapshots';
import { MASK } from '../../../server/src/core/insight/member-rows';
import { REPO_ROOT } from '../../support/cli';
import { openProject } from './helpers';

const DEMO = join(REPO_ROOT, 'samples', 'nordic-shop');
const [demo] = openSnapshots([DEMO], DEMO);
const snapshot = demo.snapshot;
const users = parse(readFileSync(join(DEMO, 'data', 'users.csv')), { columns: true }) as Record<string, string>[];

function idsOf(id: string): Set<string> {
  const members = snapshot.members(snapshot.segment(id)!.decl)!;
  const ids = new Set<string>();
  users.forEach((u, row) => {
    if ((members[row >>> 5] & (1 << (row & 31))) !== 0) ids.add(u.user_id);
  });
  return ids;
}

test('abandoned_cart: size, estimate in words, funnel and the first members', () => {
  const decl = snapshot.segment('abandoned_cart')!.decl;
  const insight = snapshot.insight(decl, { memberLimit: 5 });
  const size = snapshot.size(decl);
  assert.equal(size.kind, 'sized');
  if (size.kind !== 'sized') return;
  assert.equal(insight.segment, 'abandoned_cart');
  assert.equal(insight.title, 'Abandoned cart, last 7 days');
  assert.deepEqual([insight.size?.count, insight.size?.total], [size.count, 5000]);
  assert.match(insight.size!.estimate!.sentence, /^≈ [\d.]+k people \([\d.]+k–[\d.]+k, 95% range\) of 2\.4M$/);
  assert.deepEqual(insight.funnel!.rows.map((r) => r.remaining), size.funnel.map((s) => s.remaining));
  assert.equal(insight.funnel!.rows.at(-1)!.remaining, size.count);
  assert.equal(insight.members!.count, size.count);
  assert.equal(insight.members!.rows.length, 5);
  assert.equal(insight.members!.columns[0].name, 'user_id');
  // The first members in file order, ids as in the CSV.
  assert.deepEqual(insight.members!.rows.map((r) => r[0]), [...idsOf('abandoned_cart')].slice(0, 5));
});

test('overlaps agree with the intersection of member ids, most shared first', () => {
  const insight = snapshot.insight(snapshot.segment('abandoned_cart')!.decl, { memberLimit: 0 });
  const mine = idsOf('abandoned_cart');
  assert.ok(insight.overlaps.length > 5);
  for (const o of insight.overlaps) {
    const theirs = idsOf(o.segment);
    const both = [...mine].filter((id) => theirs.has(id)).length;
    assert.deepEqual([o.a, o.b, o.both], [mine.size, theirs.size, both], o.segment);
    assert.equal(o.jaccard, both / (mine.size + theirs.size - both));
  }
  const boths = insight.overlaps.map((o) => o.both);
  assert.deepEqual(boths, [...boths].sort((a, b) => b - a));
});

test('members vs everyone on a chosen attribute: shares and lift from plain counting over the CSV', () => {
  const decl = snapshot.segment('oslo_bergen')!.decl;
  const [device] = snapshot.insight(decl, { memberLimit: 0, attribute: 'device' }).comparisons;
  const members = idsOf('oslo_bergen');
  const mobileAll = users.filter((u) => u.device === 'mobile').length;
  const mobileMembers = users.filter((u) => u.device === 'mobile' && members.has(u.user_id)).length;
  const mobile = device.buckets.find((b) => b.label === 'mobile')!;
  assert.deepEqual([mobile.members, mobile.everyone], [mobileMembers, mobileAll]);
  assert.equal(mobile.lift, mobileMembers / members.size / (mobileAll / users.length));
  assert.equal(device.shape, 'values');
});

test('by default, the attributes that differ most, leaving out those the conditions test', () => {
  const insight = snapshot.insight(snapshot.segment('oslo_bergen')!.decl, { memberLimit: 0 });
  assert.equal(insight.comparisons.length, 3);
  assert.ok(!insight.comparisons.some((c) => c.attribute === 'city'), 'city is what the segment tests');
  const differences = insight.comparisons.map((c) => c.difference);
  assert.deepEqual(differences, [...differences].sort((a, b) => b - a));
  assert.ok(insight.attributes.some((a) => a.name === 'city'));
});

test('columns the schema marks "pii": true are masked among members and never proposed', () => {
  const schema = JSON.stringify({ attributes: { city: { type: 'string', pii: true }, age: { type: 'number' } } });
  const { snapshot: s } = openProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv', schema: 'schema.json', asOf: '2026-11-01' }),
    'schema.json': schema,
    'a.segment': 'segment s { include age > 0 }\n',
  });
  const insight = s.insight(s.segment('s')!.decl, { memberLimit: 10 });
  const city = insight.members!.columns.findIndex((c) => c.name === 'city');
  assert.equal(insight.members!.columns[city].masked, true);
  assert.deepEqual(insight.members!.rows.map((r) => r[city]), [MASK, MASK]);
  assert.ok(!insight.comparisons.some((c) => c.attribute === 'city'));
  assert.equal(insight.attributes.find((a) => a.name === 'city')?.pii, true);
});

test('a segment without a count says why and shows nothing else', () => {
  const { snapshot: s } = openProject({ 'a.segment': 'segment s { include agee > 0 }\n' });
  const insight = s.insight(s.segment('s')!.decl, { memberLimit: 10 });
  assert.equal(insight.headline, 'fix 1 error to see its size');
  assert.equal(insight.size, undefined);
  assert.equal(insight.members, undefined);
});
