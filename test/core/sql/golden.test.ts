// The SQL each dialect gets for the golden segments, compared with the files in
// test/golden/sql/<dialect>/<segment>.sql. Run with UPDATE_GOLDEN=1 to rewrite
// them after an intended change, then review the diff.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIALECTS } from '../../../server/src/core/sql/compile';
import { DuckDbHarness } from './duckdb-harness';
import { GOLDEN_ATTRIBUTES, GOLDEN_DIR, GOLDEN_EVENTS, goldenQueries } from './golden-project';
import { ID_COLUMN } from './fixtures';

const update = process.env.UPDATE_GOLDEN === '1';

for (const dialect of DIALECTS) {
  describe(`golden SQL for ${dialect}`, () => {
    const dir = join(GOLDEN_DIR, dialect);
    const queries = goldenQueries(dialect);
    if (update) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const [id, sql] of queries) writeFileSync(join(dir, `${id}.sql`), `${sql}\n`);
    }

    for (const [id, sql] of queries) {
      test(id, () => {
        const file = join(dir, `${id}.sql`);
        assert.ok(existsSync(file), `${file} is missing: run the tests with UPDATE_GOLDEN=1`);
        assert.equal(`${sql}\n`, readFileSync(file, 'utf8'), `${file} differs: if the change is intended, run with UPDATE_GOLDEN=1`);
      });
    }

    test('no golden file is left over from a segment that is gone', () => {
      const expected = [...queries.keys()].map((id) => `${id}.sql`).sort();
      assert.deepEqual(readdirSync(dir).sort(), expected);
    });
  });
}

describe('golden DuckDB queries run on tables with the documented column types', () => {
  test('every query executes (on empty tables)', async () => {
    const db = await DuckDbHarness.open();
    try {
      await db.loadProfiles({ idColumn: ID_COLUMN, attributes: GOLDEN_ATTRIBUTES, rows: [] });
      const properties = Object.assign({}, ...Object.values(GOLDEN_EVENTS));
      await db.loadEvents({ idColumn: ID_COLUMN, properties, rows: [] });
      for (const [id, sql] of goldenQueries('duckdb')) {
        await assert.doesNotReject(db.queryIds(sql), `${id} does not run`);
        assert.deepEqual(await db.queryIds(sql), [], id);
      }
    } finally {
      db.close();
    }
  });
});
