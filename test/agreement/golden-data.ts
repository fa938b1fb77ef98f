// A project folder for the golden segments (test/golden/sql/segments.segment):
// a schema declaring the golden catalog's types, and sample files written as a
// user would have them (CSV with quoted fields, date-times with zones, orphan
// events, events without a time), generated from a fixed seed. The values come
// from pools holding the golden segments' own literals and their neighbours,
// so most conditions select some profiles and miss others.
//
// `email` is declared in the schema but absent from the sample: every profile
// is missing it, in the evaluator and in the engines' all-NULL column.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOLDEN_ATTRIBUTES, GOLDEN_DIR, GOLDEN_EVENTS } from '../core/sql/golden-project';
import { AS_OF, ID_COLUMN } from '../core/sql/fixtures';
import { csvLine } from './csv-text';
import { mulberry32 } from '../../scripts/seeded-random';

export const GOLDEN_ABSENT_ATTRIBUTE = 'email';
const PROFILES = 600;
const DAY_MS = 86_400_000;

const random = mulberry32;

const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const asOfDay = Date.parse(AS_OF) / DAY_MS;
const todayDay = Math.floor(Date.now() / DAY_MS);

/** Days near each window edge the golden segments use (7 and 10 days, 2 weeks, 3 months, 1 year), around asOf and today. */
function edgeDays(base: number): number[] {
  const months = (n: number) => {
    const d = new Date(base * DAY_MS);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, d.getUTCDate()) / DAY_MS;
  };
  const starts = [base, base - 7, base - 10, base - 14, months(3), months(12), base + 1];
  return starts.flatMap((s) => [s - 1, s, s + 1]);
}

/** A date cell: a plain date, or a date-time whose UTC day is `day` (written in UTC or with an offset). */
function dateCell(day: number, pick: <T>(xs: T[]) => T): string {
  const text = dayText(day);
  return pick([
    text,
    text,
    `${text}T00:00:00Z`,
    `${text}T23:59:59Z`,
    // 00:30 at +01:00 is 23:30 UTC the day before: written as the next day.
    `${dayText(day + 1)}T00:30:00+01:00`,
    `${text} 12:00:00`,
  ]);
}

const POOLS: Record<string, string[]> = {
  purchase_count: ['0', '1', '2', '5', '0.5'],
  cart_items: ['0', '1', '3'],
  city: ['Oslo', 'Bergen', 'Stavanger', 'oslo', 'Alta', 'Molde', 'Ålesund', 'Zürich', 'M', 'A', 'Lillehammer'],
  email_opt_in: ['true', 'false', 'TRUE'],
  age: ['25', '35.5', '-1', '18', '30', '31', '17', '29.99', '60', '1e1'],
  device: ['mobile', 'desktop', 'tablet', 'Mobile'],
  vip: ['true', 'false'],
  name: ['Mr 50%_off Jakobsøn', 'Mr Hansøn', 'Mrs Larsen', '50% off', 'Mr 50%_off', 'Mr_x søn', 'Ms 50%_offsøn'],
  'Preferred channel': ["it's \\ 'quoted' \"x\" 東京 🚀\nnext line", 'email', 'sms', "it's", 'push,email'],
  'geo.city': ['Zürich', 'Zurich', 'Oslo'],
  select: ["'; DROP TABLE profiles; --", 'x', ''],
  'we"ird\\name': ['a', 'tab\there', 'back\\slash'],
};
const INTERESTS = ['sport', 'outdoor', 'travel', 'food', 'fashion'];

function schemaText(): string {
  const attributes = Object.fromEntries(Object.entries(GOLDEN_ATTRIBUTES).map(([name, type]) => [name, { type }]));
  const events = Object.fromEntries(
    Object.entries(GOLDEN_EVENTS).map(([name, properties]) => [
      name,
      { properties: Object.fromEntries(Object.entries(properties).map(([p, type]) => [p, { type }])) },
    ]),
  );
  return `${JSON.stringify({ attributes, events }, null, 2)}\n`;
}

function profilesCsv(rand: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const dates = [...edgeDays(asOfDay), ...edgeDays(todayDay), Date.UTC(2025, 0, 31) / DAY_MS, Date.UTC(2025, 1, 1) / DAY_MS, Date.UTC(2026, 0, 1) / DAY_MS, Date.UTC(2026, 5, 30) / DAY_MS, Date.UTC(2026, 6, 1) / DAY_MS];
  const columns = Object.keys(GOLDEN_ATTRIBUTES).filter((name) => name !== GOLDEN_ABSENT_ATTRIBUTE);
  const lines = [csvLine([ID_COLUMN, ...columns])];
  for (let i = 0; i < PROFILES; i++) {
    const cells = columns.map((name) => {
      if (rand() < 0.2) return '';
      const type = GOLDEN_ATTRIBUTES[name];
      if (type === 'date') return dateCell(pick(dates), pick);
      if (type === 'list') return INTERESTS.filter(() => rand() < 0.35).join(';');
      return pick(POOLS[name]);
    });
    lines.push(csvLine([`g${String(i).padStart(4, '0')}`, ...cells]));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function eventsCsv(rand: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const names = Object.keys(GOLDEN_EVENTS);
  const properties = [...new Set(Object.values(GOLDEN_EVENTS).flatMap((p) => Object.keys(p)))];
  const days = [
    ...edgeDays(asOfDay),
    ...edgeDays(todayDay),
    ...Array.from({ length: 10 }, (_, k) => asOfDay - 3 * k),
    ...[[2025, 11, 31], [2026, 0, 1], [2026, 2, 15], [2026, 4, 20], [2026, 5, 30], [2026, 6, 1], [2026, 8, 30], [2026, 9, 1]].map(([y, m, d]) => Date.UTC(y, m, d) / DAY_MS),
  ];
  const lines = [csvLine([ID_COLUMN, 'event', 'timestamp', ...properties])];
  const values: Record<string, string[]> = {
    amount: ['50', '100', '100.5', '250', '', '0.10', '0.20', '800.50', '2000.01', '5000'],
    revenue: ['1000', '2500.25', '5000', '0.10', '0.20', ''],
    category: ['shoes', 'bags', 'hats', 'Shoes', ''],
    'item name': ["x%_'y", '%_', 'plain', ''],
    product_id: ['p1', 'p2', 'p3', ''],
  };
  // Times of day minutes to hours apart on one UTC day, so the golden sequences' gaps (10 minutes, 2 hours, 1 day) split the profiles.
  const times = ['T10:00:00Z', 'T10:00:00Z', 'T10:05:00Z', 'T10:20:00Z', 'T11:30:00Z', 'T09:59:59Z', 'T13:00:00+02:00'];
  for (let i = 0; i < PROFILES * 10; i++) {
    const id = rand() < 0.02 ? 'nobody' : `g${String(Math.floor(rand() * PROFILES)).padStart(4, '0')}`;
    const timestamp = rand() < 0.02 ? '' : dateCell(pick(days), pick).replace(/^(\d{4}-\d{2}-\d{2})$/, (day) => `${day}${pick(times)}`);
    lines.push(csvLine([id, pick(names), timestamp, ...properties.map((p) => pick(values[p]))]));
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the golden project (config, schema, data, and the golden segment file) into a fresh temp folder. */
export function writeGoldenProject(seed = 20261101): string {
  const root = mkdtempSync(join(tmpdir(), 'segments-golden-'));
  const rand = random(seed);
  mkdirSync(join(root, 'data'));
  writeFileSync(
    join(root, 'segments.config.json'),
    JSON.stringify({ sample: 'data/users.csv', events: 'data/events.csv', schema: 'schema.json', idColumn: ID_COLUMN, asOf: AS_OF }, null, 2),
  );
  writeFileSync(join(root, 'schema.json'), schemaText());
  writeFileSync(join(root, 'data', 'users.csv'), profilesCsv(rand));
  writeFileSync(join(root, 'data', 'events.csv'), eventsCsv(rand));
  writeFileSync(join(root, 'segments.segment'), readFileSync(join(GOLDEN_DIR, 'segments.segment'), 'utf8'));
  return root;
}
