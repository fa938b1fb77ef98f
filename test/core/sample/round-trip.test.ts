// 20,000 generated profiles written as CSV and as JSON Lines, loaded back: every
// cell must come back as written (types inferred, text with quotes, commas,
// line breaks and non-ASCII characters, empty cells missing), whatever the read size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSample } from '../../../server/src/core/sample/load-sample';
import { profileRows, writeTemp } from './helpers';
import type { PlainValue } from './helpers';
import { mulberry32 } from '../../../scripts/seeded-random';

const ROWS = 20_000;
const CITIES = ['Oslo', 'Bergen', 'Göteborg', 'Tromsø, Norway', 'say "hi"', 'two\nlines', '東京'];
const TAGS = ['sport', 'travel', 'fashion', 'outdoor'];

const random = mulberry32;

function expectedRows(): Record<string, PlainValue>[] {
  const rnd = random(7);
  const rows: Record<string, PlainValue>[] = [];
  for (let i = 0; i < ROWS; i++) {
    const row: Record<string, PlainValue> = { user_id: `id-${i}` };
    if (rnd() > 0.1) row.age = Math.floor(rnd() * 80) + 10;
    if (rnd() > 0.1) row.spent = Math.round(rnd() * 1e6) / 100;
    if (rnd() > 0.1) row.vip = rnd() > 0.5;
    if (rnd() > 0.1) row.city = CITIES[Math.floor(rnd() * CITIES.length)];
    if (rnd() > 0.1) row.signup = new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 1500) * 86_400_000).toISOString().slice(0, 10);
    if (rnd() > 0.1) row.seen = new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 1e10)).toISOString().slice(0, 19) + '.000Z';
    const tags = TAGS.filter(() => rnd() > 0.6);
    if (tags.length > 0) row.tags = tags;
    rows.push(row);
  }
  // Every column needs a list separator somewhere in the sniffed rows to be read as a list.
  rows[0].tags = ['sport', 'travel'];
  return rows;
}

const COLUMNS = ['user_id', 'age', 'spent', 'vip', 'city', 'signup', 'seen', 'tags'];

function toCsv(rows: Record<string, PlainValue>[]): string {
  const cell = (v: PlainValue) => {
    if (v === undefined) return '';
    const text = Array.isArray(v) ? v.join(';') : v === true ? 'true' : v === false ? 'false' : String(v).replace('.000Z', 'Z');
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return '\ufeff' + [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

function toJsonLines(rows: Record<string, PlainValue>[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n');
}

test('20,000 profiles come back cell for cell from CSV and from JSON Lines', () => {
  const rows = expectedRows();
  const csv = writeTemp('round-trip.csv', toCsv(rows));
  const jsonl = writeTemp('round-trip.jsonl', toJsonLines(rows));
  for (const [path, chunkSize] of [
    [csv, 8 * 1024 * 1024],
    [csv, 4096],
    [csv, 1000],
    [jsonl, 8 * 1024 * 1024],
    [jsonl, 4096],
  ] as const) {
    const { store, diagnostics } = loadSample({ profilesPath: path, idColumn: 'user_id', chunkSize });
    assert.deepEqual(diagnostics, [], `${path} ${chunkSize}`);
    const types = Object.fromEntries([...store!.profiles.columns].map(([name, c]) => [name, c.type]));
    assert.deepEqual(types, {
      age: 'number',
      spent: 'number',
      vip: 'boolean',
      city: 'string',
      signup: 'date',
      seen: 'date',
      tags: 'list',
    });
    assert.equal(store!.profiles.count, ROWS);
    // Date-times come back as the UTC day they fall on: that is all conditions compare.
    const expected = rows.map((r) => (typeof r.seen === 'string' ? { ...r, seen: r.seen.slice(0, 10) } : r));
    assert.deepEqual(profileRows(store!.profiles), expected, `${path} ${chunkSize}`);
  }
});
