// A deterministic generator of a wide profile CSV for the loader benchmark:
// 25 columns of the kinds real exports hold (ids, text with a few distinct
// values, unique emails, numbers, booleans, dates, date-times, `;` lists),
// with some empty cells, quoted values and non-ASCII text.
import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32 } from '../scripts/seeded-random';

export const BENCH_COLUMNS = [
  'user_id', 'email', 'first_name', 'city', 'country', 'age', 'gender', 'device',
  'email_opt_in', 'push_opt_in', 'signup_date', 'last_seen_at', 'last_cart_at',
  'purchase_count', 'lifetime_value', 'cart_items', 'interests', 'loyalty_tier',
  'preferred_channel', 'sessions_30d', 'avg_order_value', 'engagement_score',
  'app_version', 'language', 'referral_source',
];

const random = mulberry32;

const NAMES = ['Anna', 'Ola', 'Kari', 'Lars', 'Ingrid', 'Per', 'Sofie', 'Jonas', 'Maja', 'Björn', 'Åsa', 'Emil'];
const CITIES = ['Oslo', 'Bergen', 'Stavanger', 'Trondheim', 'Göteborg', 'Stockholm', 'Malmö', 'København', 'Aarhus', 'Helsinki', '"Tromsø, Norway"'];
const COUNTRIES = ['NO', 'SE', 'DK', 'FI'];
const GENDERS = ['female', 'male', 'other', ''];
const DEVICES = ['mobile', 'desktop', 'tablet'];
const INTERESTS = ['sport', 'travel', 'fashion', 'outdoor', 'music', 'food', 'tech', 'books'];
const TIERS = ['bronze', 'silver', 'gold', 'platinum'];
const CHANNELS = ['email', 'sms', 'push', 'none'];
const LANGS = ['nb', 'sv', 'da', 'fi', 'en'];
const SOURCES = ['google', 'facebook', 'instagram', 'friend', 'tv', ''];

function pick<T>(rnd: () => number, xs: T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Writes `rows` profiles to `path` (overwrites). */
export function writeProfileCsv(path: string, rows: number, seed = 42): void {
  const rnd = random(seed);
  const fd = openSync(path, 'w');
  try {
    let out = BENCH_COLUMNS.join(',') + '\n';
    const base = 19_000; // 2022-01-08
    for (let i = 0; i < rows; i++) {
      const id = 'u' + String(i + 1).padStart(7, '0');
      const name = pick(rnd, NAMES);
      const interests: string[] = [];
      const n = Math.floor(rnd() * 4);
      for (let k = 0; k < n; k++) {
        const it = pick(rnd, INTERESTS);
        if (!interests.includes(it)) interests.push(it);
      }
      const purchases = Math.floor(rnd() * rnd() * 40);
      const ltv = purchases === 0 ? 0 : Math.round(rnd() * 5000 * purchases) / 100;
      const signup = base + Math.floor(rnd() * 1400);
      const seenMs = (signup + Math.floor(rnd() * 300)) * 86_400_000 + Math.floor(rnd() * 86_400_000);
      const cells = [
        id,
        `${name.toLowerCase()}.${i}@example.com`,
        name,
        pick(rnd, CITIES),
        pick(rnd, COUNTRIES),
        rnd() < 0.05 ? '' : String(16 + Math.floor(rnd() * 60)),
        pick(rnd, GENDERS),
        pick(rnd, DEVICES),
        rnd() < 0.6 ? 'true' : 'false',
        rnd() < 0.3 ? 'TRUE' : 'FALSE',
        isoDay(signup),
        new Date(seenMs).toISOString().slice(0, 19) + 'Z',
        rnd() < 0.7 ? '' : isoDay(signup + Math.floor(rnd() * 400)),
        String(purchases),
        ltv.toFixed(2),
        String(Math.floor(rnd() * rnd() * 8)),
        interests.join(';'),
        pick(rnd, TIERS),
        pick(rnd, CHANNELS),
        String(Math.floor(rnd() * 60)),
        purchases === 0 ? '' : (ltv / purchases).toFixed(2),
        (rnd() * 100).toFixed(1),
        `${1 + Math.floor(rnd() * 4)}.${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 10)}`,
        pick(rnd, LANGS),
        pick(rnd, SOURCES),
      ];
      out += cells.join(',') + '\n';
      if (out.length > 1 << 20) {
        writeSync(fd, out);
        out = '';
      }
    }
    writeSync(fd, out);
  } finally {
    closeSync(fd);
  }
}
