// docs/warehouse.md: the piping example for DuckDB's command line, run the way
// the docs show it — `segments sql --dialect duckdb | duckdb warehouse.duckdb -csv` —
// with test/support/duckdb-shell.ts standing in for the `duckdb` program,
// which npm does not ship. Each query must list as many ids as `size` counts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runSegments } from '../support/cli';
import { makeWarehouseProject, writeWarehouseDuckDb, type WarehouseProject } from '../support/warehouse-project';

let project: WarehouseProject;
let database: string;

before(async () => {
  project = makeWarehouseProject(5_000);
  ({ database } = await writeWarehouseDuckDb(project, project.root));
});

after(() => {
  if (project) rmSync(project.root, { recursive: true, force: true });
});

test('the documented DuckDB pipe lists, per segment, as many members as `segments size` counts', () => {
  const docs = readFileSync(join(REPO_ROOT, 'docs', 'warehouse.md'), 'utf8');
  const line = docs.split('\n').find((l) => l.includes('--dialect duckdb | duckdb'));
  assert.equal(line, 'segments sql segments/customers.segment --dialect duckdb | duckdb warehouse.duckdb -csv');

  const sql = runSegments(['sql', 'segments/customers.segment', '--dialect', 'duckdb'], project.root);
  assert.equal(sql.status, 0, sql.stderr);
  const shell = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test', 'support', 'duckdb-shell.ts'), database], {
    input: sql.stdout,
    encoding: 'utf8',
    cwd: REPO_ROOT,
  });
  assert.equal(shell.status, 0, shell.stderr);
  const results = shell.stdout.trimEnd().split('\n\n').map((block) => block.split('\n'));
  const sizes = JSON.parse(runSegments(['size', 'segments/customers.segment', '--format', 'json'], project.root).stdout) as { segment: string; count: number }[];
  assert.equal(results.length, sizes.length, 'one result per segment');
  results.forEach((rows, i) => {
    assert.equal(rows[0], 'user_id', 'each query returns the ids');
    assert.equal(rows.length - 1, sizes[i].count, `${sizes[i].segment}: ids listed vs counted`);
  });
  assert.ok(sizes.some((s) => s.count > 100));
});
