// `segments/insight` over stdio on a copy of the demo project: the insight
// panel's numbers are the CLI's (`size --funnel --format json`, `overlap
// --format json`) for the same segment; they follow a live edit, and a
// segment being edited gets the size without its broken condition.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InsightResult } from '../../server/src/lsp/protocol';
import { runSegments } from '../support/cli';
import { copySampleProject, fileUri, positionOf, removeProject, startServer, type TestClient } from './support';

let root: string;
let client: TestClient;
let uri: string;
let text: string;

before(async () => {
  root = copySampleProject();
  client = await startServer({ root });
  const file = join(root, 'segments', 'retargeting.segment');
  uri = fileUri(file);
  text = readFileSync(file, 'utf8');
  client.open(uri, text);
});

after(async () => {
  await client.stop();
  removeProject(root);
});

async function insight(params: Record<string, unknown>, accept: (r: InsightResult) => boolean = (r) => 'insight' in r && r.insight.size !== undefined) {
  return client.until('an insight', async () => {
    const r = await client.request<InsightResult>('segments/insight', { uri, ...params });
    return accept(r) ? r : undefined;
  });
}

test('the panel’s size, funnel, overlap and member count are the CLI’s', async () => {
  const result = await insight({ position: positionOf(text, 'cart_items > 0') });
  assert.ok('insight' in result);
  const data = result.insight;
  assert.equal(data.segment, 'abandoned_cart');
  assert.equal(data.uri, uri);

  const size = JSON.parse(runSegments(['size', 'segments/retargeting.segment', '--funnel', '--format', 'json'], root).stdout) as {
    segment: string; count: number; total: number; estimate: number; low: number; high: number; funnel: { line: number; condition: string; remaining: number }[];
  }[];
  const row = size.find((r) => r.segment === 'abandoned_cart')!;
  assert.deepEqual([data.size?.count, data.size?.total], [row.count, row.total]);
  assert.deepEqual([data.size?.estimate?.estimate, data.size?.estimate?.low, data.size?.estimate?.high], [row.estimate, row.low, row.high]);
  assert.deepEqual(data.funnel?.rows.map((r) => [r.line, r.text, r.remaining]), row.funnel.map((s) => [s.line, s.condition, s.remaining]));
  assert.equal(data.members?.count, row.count);
  assert.equal(data.members?.rows.length, 20, 'the first 20 members by default');

  const overlap = JSON.parse(runSegments(['overlap', 'abandoned_cart', '--format', 'json'], root).stdout) as { b: string; both: number; jaccard: number }[];
  assert.deepEqual(data.overlaps.map((o) => [o.segment, o.both, o.jaccard]), overlap.map((o) => [o.b, o.both, o.jaccard]));
  assert.ok(data.overlaps.every((o) => o.uri.startsWith('file://')));
});

test('by id, with a chosen attribute and member limit', async () => {
  const result = await insight({ segment: 'oslo_bergen', attribute: 'device', memberLimit: 3 });
  assert.ok('insight' in result);
  assert.equal(result.insight.segment, 'oslo_bergen');
  assert.deepEqual(result.insight.comparisons.map((c) => c.attribute), ['device']);
  assert.equal(result.insight.members?.rows.length, 3);
  const missing = await client.request<InsightResult>('segments/insight', { uri, segment: 'nope' });
  assert.deepEqual(missing, { error: 'There is no segment `nope` in this project.' });
});

test('a half-typed condition: the panel gets the size without it, and says so', async () => {
  const at = text.indexOf('    and not did purchase within last 7 days\n') + '    and not did purchase within last 7 days\n'.length;
  const edited = `${text.slice(0, at)}    and ${text.slice(at)}`;
  client.change(uri, edited);
  const result = await insight({ segment: 'abandoned_cart' }, (r) => 'insight' in r && r.insight.size?.without !== undefined);
  assert.ok('insight' in result);
  const line = edited.slice(0, at).split('\n').length;
  assert.equal(result.insight.size?.without, `without line ${line} (incomplete)`);
  // Without the missing condition, the segment is the one on disk: the CLI's count.
  const cli = (JSON.parse(runSegments(['size', 'segments/retargeting.segment', '--format', 'json'], root).stdout) as { segment: string; count: number }[]).find((r) => r.segment === 'abandoned_cart')!;
  assert.equal(result.insight.size?.count, cli.count);
  assert.match(result.insight.headline, new RegExp(`^≤ ${cli.count} of 5,000 \\(\\d+\\.\\d%\\) · without line ${line} \\(incomplete\\)$`));
  assert.deepEqual(result.insight.funnel?.leftOut.map((l) => [l.line, l.incomplete]), [[line, true]]);
  client.change(uri, text);
  await insight({ segment: 'abandoned_cart' }, (r) => 'insight' in r && r.insight.size !== undefined && r.insight.size.without === undefined);
});
