// Text that is not UTF-8 (issue 12, finding 6): a sample saved as
// Windows-1252 keeps `Tromsø` and `Tromsæ` apart, says so once with its first
// line, and no quick fix offers a value with the replacement character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeNonAscii, decodeWindows1252, firstNonUtf8Line } from '../../../server/src/core/sample/text-encoding';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import { openSnapshots } from '../../../server/src/core/workspace/open-snapshots';
import { describe, plainValue, writeTemp } from './helpers';

const cp1252 = (text: string) => Buffer.from(text, 'latin1');

test('Windows-1252 bytes decode to their letters, the 0x80–0x9F block included', () => {
  assert.equal(decodeWindows1252(Buffer.from([0x54, 0xf8, 0xe6, 0x80, 0x8a, 0x9f, 0x93, 0x94])), 'Tøæ€ŠŸ“”');
  assert.equal(decodeNonAscii(Buffer.from('Tromsø'), 0, 7), 'Tromsø');
  assert.equal(decodeNonAscii(cp1252('Tromsø'), 0, 6), 'Tromsø');
  assert.equal(firstNonUtf8Line(Buffer.from('a\r\nb\nc'), 0, 6), -1);
  assert.equal(firstNonUtf8Line(Buffer.concat([Buffer.from('a\r\nø\rb'), cp1252('ø')]), 0, 9), 2);
});

test('a Windows-1252 CSV keeps its letters and its values apart, with one warning naming the first line', () => {
  const content = Buffer.concat([Buffer.from('user_id,city\nu1,Oslo\nu2,'), cp1252('Tromsø'), Buffer.from('\nu3,'), cp1252('Tromsæ'), Buffer.from('\nu4,Göteborg\n')]);
  for (const chunkSize of [8, undefined]) {
    const { store, diagnostics } = loadSample({ profilesPath: writeTemp('latin.csv', content), idColumn: 'user_id', chunkSize });
    const city = store!.profiles.columns.get('city')!;
    assert.deepEqual([0, 1, 2, 3].map((r) => plainValue(city, r)), ['Oslo', 'Tromsø', 'Tromsæ', 'Göteborg']);
    assert.deepEqual(describe(diagnostics).map((d) => d.split(':')[0]), ['warning sample-not-utf8 3']);
    assert.match(diagnostics[0].message, /is not valid UTF-8 \(the first such text is on line 3\).*Re-save the file as UTF-8/);
  }
});

test('a Windows-1252 id column: ids stay distinct and read as their letters', () => {
  const content = Buffer.concat([Buffer.from('user_id,n\n'), cp1252('Ø1'), Buffer.from(',1\n'), cp1252('Æ1'), Buffer.from(',2\n')]);
  const { store } = loadSample({ profilesPath: writeTemp('ids.csv', content), idColumn: 'user_id' });
  assert.equal(store!.profiles.count, 2);
});

test('the did-you-mean fix for a value offers the decoded letter, never the replacement character', () => {
  const root = mkdtempSync(join(tmpdir(), 'segments-encoding-'));
  writeFileSync(join(root, 'segments.config.json'), '{ "sample": "users.csv" }');
  writeFileSync(join(root, 'users.csv'), Buffer.concat([Buffer.from('user_id,city\nu1,'), cp1252('Tromsø'), Buffer.from('\nu2,Oslo\n')]));
  writeFileSync(join(root, 'a.segment'), 'segment north {\n  include city = "Tromso"\n}\n');
  const [{ snapshot }] = openSnapshots([root], root);
  const unseen = snapshot.diagnostics().find((d) => d.code === 'value-not-in-sample' || d.fixes?.length);
  assert.ok(unseen, snapshot.diagnostics().map((d) => d.code).join());
  assert.deepEqual(unseen.fixes?.flatMap((f) => f.edits.map((e) => e.newText)), ['"Tromsø"']);
});
