import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import { isMissing } from '../../../server/src/core/sample/store';

test('an empty JSON list and an empty CSV cell are both missing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segments-list-'));
  writeFileSync(join(dir, 'p.jsonl'), '{"user_id":"a","tags":[]}\n{"user_id":"b","tags":["x"]}\n{"user_id":"c"}\n');
  writeFileSync(join(dir, 'p.csv'), 'user_id,tags\na,\nb,x;y\nc,\n');
  for (const file of ['p.jsonl', 'p.csv']) {
    const { store } = loadSample({ profilesPath: join(dir, file), idColumn: 'user_id' });
    const col = store!.profiles.columns.get('tags')!;
    assert.equal(col.type, 'list', file);
    assert.deepEqual([0, 1, 2].map((row) => isMissing(col, row)), [true, false, true], file);
  }
});
