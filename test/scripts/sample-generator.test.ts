import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import {
  CATEGORIES,
  EVENT_COLUMNS,
  INTERESTS,
  PROFILE_COLUMNS,
  SeededRandom,
  csvField,
  csvRow,
  generateSample,
  type SampleOptions,
  type SampleSummary,
} from '../../scripts/sample-generator';

const AS_OF = '2026-11-01';
const MS_PER_DAY = 86_400_000;
const AS_OF_MS = Date.UTC(2026, 10, 1);

interface Generated {
  summary: SampleSummary;
  profilesText: string;
  eventsText: string;
}

function generate(options: Partial<SampleOptions> = {}): Generated {
  const dir = mkdtempSync(join(tmpdir(), 'sample-generator-'));
  try {
    const profilesFile = join(dir, 'data', 'users.csv');
    const eventsFile = join(dir, 'data', 'events.csv');
    const summary = generateSample({ profileCount: 400, seed: 42, asOf: AS_OF, profilesFile, eventsFile, ...options });
    return {
      summary,
      profilesText: readFileSync(profilesFile, 'utf8'),
      eventsText: readFileSync(eventsFile, 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Row = Record<string, string>;

function rows(text: string): Row[] {
  return parse(text, { columns: true }) as Row[];
}

// One shared sample for the invariant tests: 2,000 profiles are enough to hit every branch.
const sample = generate({ profileCount: 2000, seed: 7 });
const profiles = rows(sample.profilesText);
const events = rows(sample.eventsText);
const eventsByUser = new Map<string, Row[]>();
for (const e of events) {
  const list = eventsByUser.get(e.user_id) ?? [];
  list.push(e);
  eventsByUser.set(e.user_id, list);
}
const eventsOf = (p: Row) => eventsByUser.get(p.user_id) ?? [];

test('the same seed gives byte-identical files', () => {
  const a = generate({ seed: 123 });
  const b = generate({ seed: 123 });
  assert.equal(a.profilesText, b.profilesText);
  assert.equal(a.eventsText, b.eventsText);
});

test('a different seed gives different data', () => {
  const a = generate({ seed: 123 });
  const b = generate({ seed: 124 });
  assert.notEqual(a.profilesText, b.profilesText);
  assert.notEqual(a.eventsText, b.eventsText);
});

test('the chunk size does not change the bytes written', () => {
  const small = generate({ seed: 5, chunkSize: 1024 });
  const large = generate({ seed: 5 });
  assert.equal(small.profilesText, large.profilesText);
  assert.equal(small.eventsText, large.eventsText);
});

test('writes a header and one line per profile and per event', () => {
  const lines = sample.profilesText.split('\n');
  assert.equal(lines.at(-1), '', 'the file ends with a line break');
  assert.equal(profiles.length, 2000);
  assert.equal(sample.summary.profiles, 2000);
  assert.equal(events.length, sample.summary.events);
  assert.deepEqual(Object.keys(profiles[0]), [...PROFILE_COLUMNS]);
  assert.deepEqual(Object.keys(events[0]), [...EVENT_COLUMNS]);
  assert.equal(lines[0].split(',').length, 26);
  assert.ok(lines[0].includes(',Preferred channel,'));
});

test('zero profiles give files with only a header', () => {
  const empty = generate({ profileCount: 0 });
  assert.equal(empty.profilesText, PROFILE_COLUMNS.join(',') + '\n');
  assert.equal(empty.eventsText, EVENT_COLUMNS.join(',') + '\n');
  assert.equal(empty.summary.events, 0);
});

test('user ids are numbered u000001, u000002, … and every event belongs to a profile', () => {
  assert.equal(profiles[0].user_id, 'u000001');
  assert.equal(profiles[1999].user_id, 'u002000');
  const ids = new Set(profiles.map((p) => p.user_id));
  assert.equal(ids.size, 2000);
  for (const e of events) assert.ok(ids.has(e.user_id), `event of unknown profile ${e.user_id}`);
});

test('about five events per profile, many of them in the last 7 and 30 days', () => {
  const perProfile = events.length / profiles.length;
  assert.ok(perProfile > 4 && perProfile < 7.5, `events per profile: ${perProfile}`);
  const daysAgo = events.map((e) => (AS_OF_MS - Date.parse(e.timestamp)) / MS_PER_DAY);
  const lastWeek = daysAgo.filter((d) => d <= 7).length / events.length;
  const lastMonth = daysAgo.filter((d) => d <= 30).length / events.length;
  // Spread evenly over 400 days these would be 1.75% and 7.5%.
  assert.ok(lastWeek > 0.08, `share of events in the last 7 days: ${lastWeek}`);
  assert.ok(lastMonth > 0.2, `share of events in the last 30 days: ${lastMonth}`);
});

test('timestamps are UTC date-times in the 400 days before asOf, in order per profile', () => {
  for (const [userId, list] of eventsByUser) {
    let previous = -Infinity;
    for (const e of list) {
      assert.match(e.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const t = Date.parse(e.timestamp);
      assert.ok(t < AS_OF_MS, `${userId}: ${e.timestamp} is not before asOf`);
      assert.ok(t >= AS_OF_MS - 400 * MS_PER_DAY, `${userId}: ${e.timestamp} is older than 400 days`);
      assert.ok(t >= previous, `${userId}: events out of order at ${e.timestamp}`);
      previous = t;
    }
  }
});

test('buyers have exactly purchase_count purchase events, and the order facts match them', () => {
  let buyers = 0;
  for (const p of profiles) {
    const purchases = eventsOf(p).filter((e) => e.event === 'purchase');
    const count = Number(p.purchase_count);
    assert.equal(purchases.length, count, `${p.user_id}: purchase_count ${count}, ${purchases.length} purchase events`);
    // In øre, so that the sum is exact: amounts carry two decimals.
    const ore = (text: string) => Math.round(Number(text) * 100);
    for (const e of purchases) assert.match(e.amount, /^\d+\.\d{2}$/, `${p.user_id}: amount ${e.amount}`);
    const totalOre = purchases.reduce((sum, e) => sum + ore(e.amount), 0);
    const total = totalOre / 100;
    assert.equal(ore(p.total_spent), totalOre, p.user_id);
    if (count === 0) {
      assert.equal(p.last_purchase_at, '', p.user_id);
      assert.equal(p.first_purchase_at, '', p.user_id);
      assert.equal(p.avg_order_value, '', p.user_id);
      assert.equal(p.loyalty_tier, 'none', p.user_id);
    } else {
      buyers++;
      assert.equal(p.first_purchase_at, purchases[0].timestamp.slice(0, 10), p.user_id);
      assert.equal(p.last_purchase_at, purchases.at(-1)!.timestamp.slice(0, 10), p.user_id);
      assert.ok(Math.abs(Number(p.avg_order_value) - total / count) < 0.01, p.user_id);
    }
  }
  assert.ok(buyers > 200 && buyers < 1000, `buyers: ${buyers}`);
});

test('the behaviour the demo segments ask about is there: øre, product lines, carts bought later or never, views bought days later', () => {
  const purchases = events.filter((e) => e.event === 'purchase');
  assert.ok(purchases.some((e) => !e.amount.endsWith('.00')), 'some amounts carry øre');
  for (const e of purchases) assert.ok(e.product_id !== '' && e.category !== '' && Number(e.items) >= 1, `${e.user_id}: ${JSON.stringify(e)}`);
  const hours = (a: Row, b: Row) => (Date.parse(b.timestamp) - Date.parse(a.timestamp)) / 3_600_000;
  let boughtWithinMinutes = 0;
  let boughtHoursLater = 0;
  let notBoughtWithinADay = 0;
  let viewedBoughtDaysLater = 0;
  for (const list of eventsByUser.values()) {
    list.forEach((e, i) => {
      const later = list.slice(i + 1);
      if (e.event === 'add_to_cart') {
        const bought = later.find((x) => x.event === 'purchase' && x.product_id === e.product_id);
        if (!bought || hours(e, bought) > 24) notBoughtWithinADay++;
        else if (hours(e, bought) >= 2) boughtHoursLater++;
        else boughtWithinMinutes++;
      }
      if (e.event === 'product_view' && later.some((x) => x.event === 'purchase' && x.product_id === e.product_id && hours(e, x) >= 24)) viewedBoughtDaysLater++;
    });
  }
  assert.ok(boughtWithinMinutes > 100 && boughtHoursLater > 20 && notBoughtWithinADay > 100 && viewedBoughtDaysLater > 10,
    JSON.stringify({ boughtWithinMinutes, boughtHoursLater, notBoughtWithinADay, viewedBoughtDaysLater }));
});

test('an open cart has its add_to_cart event at last_cart_at, after the latest purchase', () => {
  let carts = 0;
  for (const p of profiles) {
    const items = Number(p.cart_items);
    if (items === 0) {
      assert.equal(p.last_cart_at, '', p.user_id);
      continue;
    }
    carts++;
    assert.match(p.last_cart_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const list = eventsOf(p);
    assert.ok(
      list.some((e) => e.event === 'add_to_cart' && e.timestamp === p.last_cart_at),
      `${p.user_id}: no add_to_cart at ${p.last_cart_at}`,
    );
    const lastPurchase = list.filter((e) => e.event === 'purchase').at(-1);
    if (lastPurchase) assert.ok(lastPurchase.timestamp <= p.last_cart_at, p.user_id);
    const addsSincePurchase = list.filter(
      (e) => e.event === 'add_to_cart' && (!lastPurchase || e.timestamp >= lastPurchase.timestamp),
    ).length;
    assert.equal(addsSincePurchase, items, p.user_id);
  }
  assert.ok(carts > 50, `open carts: ${carts}`);
});

test('last_seen_at is the latest visit (email opens do not count)', () => {
  for (const p of profiles) {
    const visits = eventsOf(p).filter((e) => e.event !== 'email_open');
    if (visits.length > 0) assert.equal(p.last_seen_at, visits.at(-1)!.timestamp, p.user_id);
    assert.match(p.last_seen_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(p.signup_date <= p.last_seen_at.slice(0, 10), p.user_id);
  }
});

test('only people who opted in to email have email_open events', () => {
  for (const e of events) {
    if (e.event !== 'email_open') continue;
    const p = profiles[Number(e.user_id.slice(1)) - 1];
    assert.equal(p.email_opt_in, 'true', e.user_id);
  }
});

test('event property columns are filled exactly where the event has them', () => {
  const expected: Record<string, string[]> = {
    page_view: ['page'],
    product_view: ['category', 'product_id', 'price'],
    add_to_cart: ['category', 'product_id', 'price'],
    purchase: ['category', 'product_id', 'amount', 'items'],
    email_open: [],
  };
  const seen = new Set<string>();
  for (const e of events) {
    const filled = expected[e.event];
    assert.ok(filled, `unexpected event name ${e.event}`);
    seen.add(e.event);
    for (const column of ['category', 'product_id', 'price', 'amount', 'items', 'page']) {
      assert.equal(e[column] !== '', filled.includes(column), `${e.user_id} ${e.event}: ${column} = "${e[column]}"`);
    }
    if (e.category) assert.ok((CATEGORIES as readonly string[]).includes(e.category), e.category);
  }
  assert.deepEqual([...seen].sort(), Object.keys(expected).sort());
});

test('profile values are coherent and inside their vocabularies', () => {
  const countryOf: Record<string, string> = {
    Oslo: 'NO', Bergen: 'NO', Trondheim: 'NO', Stavanger: 'NO', Kristiansand: 'NO', Tromsø: 'NO',
    Stockholm: 'SE', Göteborg: 'SE', Malmö: 'SE', Uppsala: 'SE',
    Copenhagen: 'DK', Aarhus: 'DK', Odense: 'DK',
    Helsinki: 'FI', Tampere: 'FI', Turku: 'FI',
  };
  let missingAge = 0;
  for (const p of profiles) {
    assert.equal(countryOf[p.city], p.country, `${p.user_id}: ${p.city} in ${p.country}`);
    if (p.age === '') missingAge++;
    else assert.ok(Number(p.age) >= 16 && Number(p.age) < 100, p.age);
    for (const i of p.interests ? p.interests.split(';') : []) {
      assert.ok((INTERESTS as readonly string[]).includes(i), i);
    }
    assert.ok(['mobile', 'desktop', 'tablet'].includes(p.device), p.device);
    assert.ok(['none', 'silver', 'gold', 'platinum'].includes(p.loyalty_tier), p.loyalty_tier);
    assert.ok(['email', 'sms', 'push', 'none'].includes(p['Preferred channel']), p['Preferred channel']);
    assert.ok(['true', 'false', ''].includes(p.email_opt_in));
    assert.ok(['true', 'false', ''].includes(p.sms_opt_in));
    if (p['Preferred channel'] === 'email') assert.equal(p.email_opt_in, 'true', p.user_id);
    if (p['Preferred channel'] === 'sms') assert.equal(p.sms_opt_in, 'true', p.user_id);
    if (p['Preferred channel'] === 'push') assert.equal(p.app_installed, 'true', p.user_id);
    if (p.newsletter_topics !== '') assert.equal(p.email_opt_in, 'true', p.user_id);
    const score = Number(p.engagement_score);
    assert.ok(Number.isInteger(score) && score >= 0 && score <= 100, p.engagement_score);
    assert.match(p.signup_date, /^\d{4}-\d{2}-\d{2}$/);
  }
  // About 8% of ages are missing.
  assert.ok(missingAge > 0.04 * profiles.length && missingAge < 0.12 * profiles.length, `missing ages: ${missingAge}`);
  assert.ok(profiles.some((p) => p.city === 'Göteborg'), 'non-ASCII city names appear');
});

test('search pages with a comma or quotes are quoted in the file and read back intact', () => {
  const commaPages = events.filter((e) => e.page.includes(','));
  const quotePages = events.filter((e) => e.page.includes('"'));
  assert.ok(commaPages.length > 0, 'some page holds a comma');
  assert.ok(quotePages.length > 0, 'some page holds a quote');
  assert.ok(sample.eventsText.includes(',"/search?q=regnjakke, herre"\n'));
  assert.ok(sample.eventsText.includes(',"/search?q=""gore-tex"" sko"\n'));
});

test('csvField quotes per RFC 4180 only when needed', () => {
  assert.equal(csvField('Oslo'), 'Oslo');
  assert.equal(csvField(''), '');
  assert.equal(csvField('Malmö'), 'Malmö');
  assert.equal(csvField('regnjakke, herre'), '"regnjakke, herre"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('carriage\rreturn'), '"carriage\rreturn"');
  assert.equal(csvRow(['a', 'b,c', '']), 'a,"b,c",\n');
});

test('csvRow output reads back to the same fields with a standard CSV parser', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'ø', ',', '"', '\n', '\r', ' ', ';') }), { minLength: 2, maxLength: 6 }), (fields) => {
      const parsed = parse(csvRow(fields), { relax_column_count: false }) as string[][];
      assert.deepEqual(parsed, [fields]);
    }),
  );
});

test('SeededRandom repeats its sequence for a seed and stays in [0, 1)', () => {
  const a = new SeededRandom(99);
  const b = new SeededRandom(99);
  for (let i = 0; i < 1000; i++) {
    const x = a.next();
    assert.equal(x, b.next());
    assert.ok(x >= 0 && x < 1);
  }
  assert.notEqual(new SeededRandom(1).next(), new SeededRandom(2).next());
});

test('a malformed asOf or profile count is refused with a plain message', () => {
  assert.throws(() => generate({ asOf: '01.11.2026' }), /asOf must be a date like 2026-11-01, got "01.11.2026"/);
  assert.throws(() => generate({ asOf: '2026-02-30' }), /asOf must be a date like 2026-11-01, got "2026-02-30"/);
  assert.throws(() => generate({ profileCount: -1 }), /profileCount must be a whole number/);
});
