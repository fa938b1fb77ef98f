// Loading the profile sample through loadSample: types, values, and every
// diagnostic a user can meet, with its line and message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import type { SchemaDocument, FieldDeclaration } from '../../../server/src/core/project/schema-types';
import { SNIFF_ROWS } from '../../../server/src/core/sample/infer';
import { columnLength, valueAt } from '../../../server/src/core/sample/store';
import { allTexts } from '../../../server/src/core/sample/packed-texts';
import { describe, plainValue, profileRows, writeTemp } from './helpers';

function schemaWith(attributes: Record<string, FieldDeclaration>): SchemaDocument {
  return { attributes: new Map(Object.entries(attributes)), events: new Map() };
}

function load(name: string, content: string, extra: { schema?: SchemaDocument; rowLimit?: number; idColumn?: string } = {}) {
  const path = writeTemp(name, content);
  return { path, ...loadSample({ profilesPath: path, idColumn: extra.idColumn ?? 'user_id', ...extra }) };
}

test('column types are inferred from the values', () => {
  const { store, diagnostics } = load(
    'types.csv',
    [
      'user_id,age,score,opt_in,signup,last_seen,interests,city,zip,nothing',
      'u1,31,-2.5,TRUE,2024-01-31,2024-01-31T08:30:00Z,sport;travel,Oslo,0150,',
      'u2,,1e3,false,2023-12-01,2024-02-01 10:00:00,outdoor,Göteborg,5003,',
      'u3,45,.5,True,,2024-03-01,,,0001,',
    ].join('\n'),
  );
  assert.deepEqual(describe(diagnostics), []);
  const columns = store!.profiles.columns;
  const types = Object.fromEntries([...columns].map(([name, c]) => [name, c.type]));
  assert.deepEqual(types, {
    age: 'number',
    score: 'number',
    opt_in: 'boolean',
    signup: 'date',
    last_seen: 'date',
    interests: 'list',
    city: 'string',
    zip: 'string', // leading zeros: a code, not a quantity
    nothing: 'string',
  });
  assert.deepEqual(profileRows(store!.profiles), [
    {
      user_id: 'u1',
      age: 31,
      score: -2.5,
      opt_in: true,
      signup: '2024-01-31',
      last_seen: '2024-01-31',
      interests: ['sport', 'travel'],
      city: 'Oslo',
      zip: '0150',
    },
    {
      user_id: 'u2',
      score: 1000,
      opt_in: false,
      signup: '2023-12-01',
      last_seen: '2024-02-01',
      interests: ['outdoor'],
      city: 'Göteborg',
      zip: '5003',
    },
    { user_id: 'u3', age: 45, score: 0.5, opt_in: true, last_seen: '2024-03-01', zip: '0001' },
  ]);
});

test('a date-time column is stored as the UTC day it falls on', () => {
  const { store } = load('instants.csv', 'user_id,seen\nu1,2024-01-31T23:30:00-02:00\nu2,2024-01-31\n');
  const seen = store!.profiles.columns.get('seen')!;
  assert.equal(seen.type, 'date');
  if (seen.type !== 'date') return;
  // 23:30 at UTC−2 is 01:30 the next day in UTC.
  assert.equal(valueAt(seen, 0), Date.UTC(2024, 1, 1) / 86_400_000);
  assert.equal(valueAt(seen, 1), Date.UTC(2024, 0, 31) / 86_400_000);
});

test('declared types win over inference', () => {
  const { store, diagnostics } = load('declared.csv', 'user_id,code,flag,tags\nu1,31,yes,single\nu2,42,no,\n', {
    schema: schemaWith({ code: { type: 'string' }, flag: { type: 'string' }, tags: { type: 'list' } }),
  });
  assert.deepEqual(describe(diagnostics), []);
  const rows = profileRows(store!.profiles);
  assert.deepEqual(rows[0], { user_id: 'u1', code: '31', flag: 'yes', tags: ['single'] });
  assert.deepEqual(rows[1], { user_id: 'u2', code: '42', flag: 'no' });
});

test('a value that does not fit a declared type is missing, with a warning naming line and column', () => {
  const { store, diagnostics, path } = load(
    'bad-values.csv',
    'user_id,age,opt_in,joined\nu1,31,true,2024-01-01\nu2,abc,maybe,2024-13-01\nu3,40,false,2024-02-30\n',
    { schema: schemaWith({ age: { type: 'number' }, opt_in: { type: 'boolean' }, joined: { type: 'date' } }) },
  );
  assert.deepEqual(describe(diagnostics), [
    'warning sample-bad-value 3: Line 3, column `age`: `abc` is not a number; it is read as missing.',
    'warning sample-bad-value 3: Line 3, column `opt_in`: `maybe` is not `true` or `false`; it is read as missing.',
    'warning sample-bad-value 3: Line 3, column `joined`: `2024-13-01` is not an ISO date (YYYY-MM-DD) or date-time; it is read as missing.',
    'warning sample-bad-value 4: Line 4, column `joined`: `2024-02-30` is not an ISO date (YYYY-MM-DD) or date-time; it is read as missing.',
  ]);
  assert.equal(diagnostics[0].file, path);
  assert.deepEqual(diagnostics[0].position, { line: 2, character: 0 });
  assert.equal(plainValue(store!.profiles.columns.get('age')!, 1), undefined);
  assert.equal(plainValue(store!.profiles.columns.get('age')!, 2), 40);
});

test('bad values are listed five at a time per column, then summed up', () => {
  const lines = ['user_id,age'];
  for (let i = 1; i <= 1200; i++) lines.push(`u${i},${i % 100 === 0 ? 'n/a' : i % 90}`);
  const { diagnostics } = load('many-bad.csv', lines.join('\n'), { schema: schemaWith({ age: { type: 'number' } }) });
  const messages = describe(diagnostics);
  assert.equal(messages.length, 6);
  assert.equal(messages[0], 'warning sample-bad-value 101: Line 101, column `age`: `n/a` is not a number; it is read as missing.');
  assert.equal(messages[4], 'warning sample-bad-value 501: Line 501, column `age`: `n/a` is not a number; it is read as missing.');
  assert.equal(
    messages[5],
    'warning sample-bad-value 601: Column `age`: 7 more values (the first on line 601) do not fit its type (number) and are read as missing.',
  );
});

test('an inferred column with one later value that does not fit is read as text, like one with it anywhere (issue 12, finding 10)', () => {
  const lines = ['user_id,ref,score,zip'];
  const total = SNIFF_ROWS + 30_000;
  for (let i = 1; i <= total; i++) {
    // `ref` is numeric in the sniffed rows, then codes; `score` has one stray value; `zip` one code with a leading zero.
    const ref = i <= SNIFF_ROWS ? String(i) : `R-${i}`;
    const score = i === SNIFF_ROWS + 10 ? 'oops' : String(i % 7);
    const zip = i === total ? '0150' : String(5000 + (i % 90));
    lines.push(`u${i},${ref},${score},${zip}`);
  }
  const { store, diagnostics } = load('retype.csv', lines.join('\n'));
  const firstLate = SNIFF_ROWS + 2; // header is line 1
  assert.deepEqual(describe(diagnostics), [
    `info sample-column-read-as-text ${firstLate}: Column \`ref\` held only numbers in the first 20,000 rows, but 30,000 later values (the first on line 20,002: \`R-20001\`) are not, so the column is read as text, as it would be with such a value anywhere. Declare its type in the schema to read it as numbers (values that do not fit are then missing, with a warning).`,
    `info sample-column-read-as-text ${SNIFF_ROWS + 11}: Column \`score\` held only numbers in the first 20,000 rows, but 1 later value (the first on line 20,011: \`oops\`) is not, so the column is read as text, as it would be with such a value anywhere. Declare its type in the schema to read it as numbers (values that do not fit are then missing, with a warning).`,
    `info sample-column-read-as-text ${total + 1}: Column \`zip\` held only numbers in the first 20,000 rows, but 1 later value (the first on line 50,001: \`0150\`) is not, so the column is read as text, as it would be with such a value anywhere. Declare its type in the schema to read it as numbers (values that do not fit are then missing, with a warning).`,
  ]);
  const columns = store!.profiles.columns;
  assert.deepEqual([...columns.values()].map((c) => c.type), ['string', 'string', 'string']);
  assert.equal(plainValue(columns.get('ref')!, 0), '1');
  assert.equal(plainValue(columns.get('ref')!, total - 1), `R-${total}`);
  assert.equal(plainValue(columns.get('score')!, SNIFF_ROWS + 9), 'oops');
  assert.equal(plainValue(columns.get('zip')!, total - 1), '0150');
  // Declared, the same file reads the stray values as missing, each with a warning.
  const schema = schemaWith({ score: { type: 'number' } });
  const declared = load('retype-declared.csv', lines.join('\n'), { schema });
  assert.equal(declared.store!.profiles.columns.get('score')!.type, 'number');
  assert.ok(describe(declared.diagnostics).includes(`warning sample-bad-value ${SNIFF_ROWS + 11}: Line ${SNIFF_ROWS + 11}, column \`score\`: \`oops\` is not a number; it is read as missing.`));
});

test('a file that does not exist, a folder, an empty file: errors and no store', () => {
  const missing = join(dirname(writeTemp('placeholder.csv', 'x')), 'nope.csv');
  const a = loadSample({ profilesPath: missing, idColumn: 'user_id' });
  assert.equal(a.store, undefined);
  assert.deepEqual(describe(a.diagnostics), [`error sample-file-not-found 1: The profile sample \`${missing}\` does not exist.`]);

  const folder = join(dirname(missing), 'a-folder.csv');
  mkdirSync(folder);
  const b = loadSample({ profilesPath: folder, idColumn: 'user_id' });
  assert.equal(b.store, undefined);
  assert.deepEqual(describe(b.diagnostics), [`error sample-file-unreadable 1: The profile sample \`${folder}\` cannot be read: it is a folder.`]);

  const c = load('empty.csv', '');
  assert.equal(c.store, undefined);
  assert.deepEqual(describe(c.diagnostics), [
    `error sample-file-empty 1: The profile sample \`${c.path}\` is empty: a profile sample needs a header row naming its columns (one of them \`user_id\`) and one row per profile.`,
  ]);
});

test('a file of blank lines has no header', () => {
  const { store, diagnostics, path } = load('blank.csv', '\n\r\n\n');
  assert.equal(store, undefined);
  assert.deepEqual(describe(diagnostics), [`error sample-no-header 1: The profile sample \`${path}\` has no header row: it holds only blank lines.`]);
});

test('a missing id column names the columns that exist', () => {
  const a = load('no-id.csv', 'id,age,city\n1,2,Oslo\n');
  assert.equal(a.store, undefined);
  assert.deepEqual(describe(a.diagnostics), [
    'error sample-missing-id-column 1: The profile sample has no id column `user_id`. Its 3 columns are `id`, `age` and `city`. Set `idColumn` in segments.config.json to the column that holds the profile id.',
  ]);
  const b = load('case-id.csv', 'User_ID,age\n1,2\n');
  assert.deepEqual(describe(b.diagnostics), [
    'error sample-missing-id-column 1: The profile sample has no id column `user_id`. Its 2 columns are `User_ID` and `age`. Did you mean `User_ID`? Names are case-sensitive.',
  ]);
});

test('duplicate ids: an error with both lines of the first repeat and the number of repeats, and no store', () => {
  const { store, diagnostics } = load('dups.csv', 'user_id,age\nu1,1\nu2,2\nu3,3\nu2,4\nu1,5\nu2,6\n');
  assert.equal(store, undefined);
  assert.deepEqual(describe(diagnostics), [
    'error sample-duplicate-id 5: Profile id `u2` appears on line 3 and again on line 5; ids in `user_id` must be unique. 2 more rows repeat an earlier id.',
  ]);
});

test('ragged rows load with missing cells or extra fields ignored, with a warning each', () => {
  const { store, diagnostics } = load('ragged.csv', 'user_id,age,city\nu1,31\nu2,32,Oslo,extra,more\nu3,33,Bergen\n');
  assert.deepEqual(describe(diagnostics), [
    'warning sample-ragged-row 2: Line 2 has 2 fields but the header has 3; the missing cells are read as missing.',
    'warning sample-ragged-row 3: Line 3 has 5 fields but the header has 3; the extra fields are ignored.',
  ]);
  assert.deepEqual(profileRows(store!.profiles), [
    { user_id: 'u1', age: 31 },
    { user_id: 'u2', age: 32, city: 'Oslo' },
    { user_id: 'u3', age: 33, city: 'Bergen' },
  ]);
});

test('line numbers count quoted line breaks and blank lines', () => {
  const { diagnostics } = load(
    'lines.csv',
    'user_id,note,age\nu1,"two\nlines",1\n\nu2,"x",oops\n',
    { schema: schemaWith({ age: { type: 'number' } }) },
  );
  assert.deepEqual(describe(diagnostics), ['warning sample-bad-value 5: Line 5, column `age`: `oops` is not a number; it is read as missing.']);
});

test('rows without an id are skipped with a warning', () => {
  const { store, diagnostics } = load('no-ids.csv', 'user_id,age\nu1,1\n,2\n  ,3\nu4,4\n');
  assert.deepEqual(describe(diagnostics), [
    'warning sample-missing-id 3: Line 3 has no `user_id`; the row is skipped.',
    'warning sample-missing-id 4: Line 4 has no `user_id`; the row is skipped.',
  ]);
  assert.deepEqual(profileRows(store!.profiles), [
    { user_id: 'u1', age: 1 },
    { user_id: 'u4', age: 4 },
  ]);
});

test('header problems: unnamed and repeated columns are ignored with a warning', () => {
  const { store, diagnostics } = load('header.csv', 'user_id,age,,age\nu1,1,x,2\n');
  assert.deepEqual(describe(diagnostics), [
    'warning sample-unnamed-column 1: Column 3 has no name in the header; its values are ignored.',
    'warning sample-duplicate-column 1: Column `age` appears twice in the header (columns 2 and 4); the second one is ignored.',
  ]);
  assert.deepEqual(profileRows(store!.profiles), [{ user_id: 'u1', age: 1 }]);
});

test('a quote that never closes is reported on the line it opens', () => {
  const { diagnostics } = load('unclosed.csv', 'user_id,note\nu1,ok\nu2,"never closed\nu3,x\n');
  assert.deepEqual(describe(diagnostics), [
    'warning sample-unclosed-quote 3: The quoted field that starts on line 3 is never closed; everything after it was read as one field.',
  ]);
});

test('a BOM, CRLF line ends and a missing final line end', () => {
  const { store, diagnostics } = load('bom.csv', '\ufeffuser_id,city\r\nu1,Tromsø\r\nu2,"Malmö"');
  assert.deepEqual(describe(diagnostics), []);
  assert.deepEqual(profileRows(store!.profiles), [
    { user_id: 'u1', city: 'Tromsø' },
    { user_id: 'u2', city: 'Malmö' },
  ]);
});

test('rowLimit loads only the first rows', () => {
  const { store } = load('limit.csv', 'user_id,age\nu1,1\nu2,2\nu3,3\nu4,4\n', { rowLimit: 2 });
  assert.deepEqual(allTexts(store!.profiles.ids), ['u1', 'u2']);
  assert.equal(columnLength(store!.profiles.columns.get('age')!), 2);
});

test('progress goes up to 1', () => {
  const path = writeTemp('progress.csv', 'user_id,age\n' + Array.from({ length: 5000 }, (_, i) => `u${i},${i}`).join('\n'));
  const seen: number[] = [];
  loadSample({ profilesPath: path, idColumn: 'user_id', onProgress: (f) => seen.push(f), chunkSize: 4096 });
  assert.ok(seen.length > 3);
  assert.deepEqual([...seen].sort((a, b) => a - b), seen);
  assert.equal(seen[seen.length - 1], 1);
});

test('each load gets a new store version', () => {
  const path = writeTemp('version.csv', 'user_id\nu1\n');
  const a = loadSample({ profilesPath: path, idColumn: 'user_id' }).store!;
  const b = loadSample({ profilesPath: path, idColumn: 'user_id' }).store!;
  assert.ok(b.version > a.version);
});

// ---- JSON Lines profiles

test('JSON Lines profiles: nested objects flattened, arrays as lists, null and [] as missing', () => {
  const text = [
    '{"user_id":"u1","age":31,"geo":{"city":"Oslo","country":"NO"},"interests":["sport","travel"],"vip":true,"signup":"2024-01-31"}',
    '',
    '{"user_id":"u2","age":null,"geo":{"city":"Göteborg"},"interests":[],"vip":false,"signup":"2023-05-01"}',
    '{"user_id":3,"geo":null,"late_field":"x"}',
  ].join('\n');
  const { store, diagnostics } = load('profiles.jsonl', text);
  assert.deepEqual(describe(diagnostics), []);
  const types = Object.fromEntries([...store!.profiles.columns].map(([name, c]) => [name, c.type]));
  assert.deepEqual(types, {
    age: 'number',
    'geo.city': 'string',
    'geo.country': 'string',
    interests: 'list',
    vip: 'boolean',
    signup: 'date',
    late_field: 'string',
  });
  assert.deepEqual(profileRows(store!.profiles), [
    { user_id: 'u1', age: 31, 'geo.city': 'Oslo', 'geo.country': 'NO', interests: ['sport', 'travel'], vip: true, signup: '2024-01-31' },
    { user_id: 'u2', 'geo.city': 'Göteborg', vip: false, signup: '2023-05-01' },
    { user_id: '3', late_field: 'x' },
  ]);
});

test('JSON Lines: a line that is not an object is skipped with a warning on its line', () => {
  const { store, diagnostics } = load(
    'bad-lines.ndjson',
    '{"user_id":"u1"}\n{"user_id": "u2",\n[1,2]\n"text"\n{"user_id":"u3"}\n',
  );
  const messages = describe(diagnostics);
  assert.equal(messages.length, 3);
  assert.match(messages[0], /^warning sample-bad-json-line 2: Line 2 is not valid JSON \(.+\); the line is skipped\.$/);
  assert.equal(messages[1], 'warning sample-bad-json-line 3: Line 3 holds an array, not a JSON object; the line is skipped.');
  assert.equal(messages[2], 'warning sample-bad-json-line 4: Line 4 holds a string, not a JSON object; the line is skipped.');
  assert.deepEqual(allTexts(store!.profiles.ids), ['u1', 'u3']);
});

test('JSON Lines: missing id key, duplicate ids and .json extension', () => {
  const a = load('no-id.json', '{"id":"u1","age":3}\n');
  assert.deepEqual(describe(a.diagnostics), [
    'error sample-missing-id-column 1: The profile sample has no id column `user_id`. Its 2 columns are `id` and `age`. Set `idColumn` in segments.config.json to the column that holds the profile id.',
  ]);
  const b = load('dup.jsonl', '{"user_id":"u1"}\n{"user_id":"u1"}\n');
  assert.deepEqual(describe(b.diagnostics), [
    'error sample-duplicate-id 2: Profile id `u1` appears on line 1 and again on line 2; ids in `user_id` must be unique.',
  ]);
  const c = load('nothing.jsonl', '\n[]\n');
  assert.equal(c.store, undefined);
  assert.deepEqual(describe(c.diagnostics), [
    'warning sample-bad-json-line 2: Line 2 holds an array, not a JSON object; the line is skipped.',
    `error sample-no-header 1: The profile sample \`${c.path}\` holds no JSON object, so it has no columns: a profile sample needs a header row naming its columns (one of them \`user_id\`) and one row per profile.`,
  ]);
});

test('JSON Lines: declared types convert text values, and say when they cannot', () => {
  const { store, diagnostics } = load(
    'declared.jsonl',
    '{"user_id":"u1","age":"31","vip":"TRUE","tags":"a;b"}\n{"user_id":"u2","age":"old","vip":1,"tags":7}\n',
    { schema: schemaWith({ age: { type: 'number' }, vip: { type: 'boolean' }, tags: { type: 'list' } }) },
  );
  assert.deepEqual(describe(diagnostics), [
    'warning sample-bad-value 2: Line 2, column `age`: `old` is not a number; it is read as missing.',
    'warning sample-bad-value 2: Line 2, column `vip`: `1` is not `true` or `false`; it is read as missing.',
  ]);
  assert.deepEqual(profileRows(store!.profiles), [
    { user_id: 'u1', age: 31, vip: true, tags: ['a', 'b'] },
    { user_id: 'u2', tags: ['7'] },
  ]);
});
