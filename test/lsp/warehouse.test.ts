// `segments/countOnWarehouse`: the editor's explicit "count on the warehouse"
// action, on DuckDB reading the demo's own CSV files, so each exact count is
// the segment's sample count; a target that cannot be used gives a plain error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountOnWarehouseResult } from '../../server/src/lsp/protocol';
import { copySampleProject, fileUri, removeProject, startServer, type TestClient } from './support';

let root: string;
let client: TestClient;

before(async () => {
  root = copySampleProject();
  client = await startServer({ root, settings: { debounceMs: 20, warehouse: { target: 'duckdb:data/users.csv', eventsTable: 'data/events.csv' } }, settingsAtInitialize: true });
});

after(async () => {
  await client.stop();
  removeProject(root);
});

async function count(params: Record<string, unknown>): Promise<CountOnWarehouseResult> {
  return client.until('sample loaded', async () => {
    const result = await client.request<CountOnWarehouseResult>('segments/countOnWarehouse', params);
    return 'counts' in result && result.counts.some((c) => c.sample === null) ? undefined : result;
  }, 60_000);
}

test('the segments of a document, counted on the target from the settings, beside their sample counts', async () => {
  const path = join(root, 'segments', 'customers.segment');
  const uri = fileUri(path);
  client.open(uri, readFileSync(path, 'utf8'));
  const result = await count({ uri });
  assert.ok('counts' in result, JSON.stringify(result));
  assert.equal(result.on, 'duckdb:data/users.csv');
  assert.ok(result.counts.length >= 5);
  for (const c of result.counts) assert.deepEqual([c.segment, c.count, c.sample?.total], [c.segment, c.sample?.count, 5000]);
  const one = await count({ uri, segments: ['lapsed_customers'] });
  assert.ok('counts' in one && one.counts.length === 1 && one.counts[0].segment === 'lapsed_customers');
});

test('a target that cannot be used: a plain error, never a connection string', async () => {
  const uri = fileUri(join(root, 'segments', 'customers.segment'));
  assert.deepEqual(await count({ uri, target: 'duckdb:missing.duckdb' }), { error: 'no such file for --on duckdb: missing.duckdb.' });
  const refused = await count({ uri, target: 'postgres://someone:pw1234@127.0.0.1:1/db', segments: ['lapsed_customers'] });
  assert.ok('error' in refused && /cannot connect to the PostgreSQL database: the server refused the connection/.test(refused.error), JSON.stringify(refused));
  assert.ok(!JSON.stringify(refused).includes('pw1234') && !JSON.stringify(refused).includes('someone'));
});
