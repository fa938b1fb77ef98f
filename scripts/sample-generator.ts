// Deterministic generator of a Nordic web shop's first-party data: one profiles
// CSV and one events CSV. The same seed, size and asOf always give the same bytes
// (own PRNG, no clock, no transcendental Math functions whose last bits could
// differ between engines), so the demo data and benchmark inputs can be rebuilt
// anywhere. Rows are written in chunks, so a million profiles never become one
// giant string.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { mulberry32 } from './seeded-random';

export interface SampleOptions {
  /** Number of profiles to write. */
  profileCount: number;
  /** Any 32-bit integer; the same seed gives the same files. */
  seed: number;
  /** `YYYY-MM-DD`: the day the data is "as of"; every event lies in the 400 days before it. */
  asOf: string;
  profilesFile: string;
  eventsFile: string;
  /** Bytes buffered before each write to disk; 1 MB by default. */
  chunkSize?: number;
}

export interface SampleSummary {
  profiles: number;
  events: number;
}

export const PROFILE_COLUMNS = [
  'user_id',
  'age',
  'gender',
  'city',
  'country',
  'device',
  'interests',
  'email_opt_in',
  'sms_opt_in',
  'signup_date',
  'last_seen_at',
  'purchase_count',
  'total_spent',
  'avg_order_value',
  'first_purchase_at',
  'last_purchase_at',
  'cart_items',
  'last_cart_at',
  'loyalty_tier',
  'Preferred channel',
  'language',
  'newsletter_topics',
  'engagement_score',
  'old_score',
  'referral_source',
  'app_installed',
] as const;

export const EVENT_COLUMNS = [
  'user_id',
  'event',
  'timestamp',
  'category',
  'product_id',
  'price',
  'amount',
  'items',
  'page',
] as const;

/**
 * Bumped whenever the same seed would give other data: cached copies made by
 * an older generator (the benchmarks keep one) are then made anew.
 * 2: orders hold one product line (product id, category, quantity), amounts
 * carry øre (member and Black Friday discounts), abandoned carts are sometimes
 * bought on a later visit, and viewed products sometimes bought days later.
 */
export const GENERATOR_VERSION = 2;

/** Days of history before asOf that events may fall in (asOf − 400 days … asOf − 1 day). */
export const EVENT_HISTORY_DAYS = 400;

const MS_PER_DAY = 86_400_000;
const DEFAULT_CHUNK_SIZE = 1 << 20;

// ---------------------------------------------------------------------------
// Randomness

/** mulberry32: tiny, fast, and good enough for plausible demo data. */
export class SeededRandom {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(choices: Weighted<T>): T {
    const r = this.next() * choices.total;
    const { cumulative, items } = choices;
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]) return items[i];
    return items[items.length - 1];
  }
}

export interface Weighted<T> {
  items: T[];
  cumulative: number[];
  total: number;
}

function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  const items: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [item, weight] of pairs) {
    total += weight;
    items.push(item);
    cumulative.push(total);
  }
  return { items, cumulative, total };
}

// ---------------------------------------------------------------------------
// Vocabularies

type Country = 'NO' | 'SE' | 'DK' | 'FI';

// Weights lean towards Norway: the shop is Norwegian (prices in NOK) and sells across the Nordics.
const CITIES = weighted<readonly [string, Country]>([
  [['Oslo', 'NO'], 18],
  [['Bergen', 'NO'], 8],
  [['Trondheim', 'NO'], 6],
  [['Stavanger', 'NO'], 5],
  [['Kristiansand', 'NO'], 2],
  [['Tromsø', 'NO'], 2],
  [['Stockholm', 'SE'], 12],
  [['Göteborg', 'SE'], 6],
  [['Malmö', 'SE'], 4],
  [['Uppsala', 'SE'], 2],
  [['Copenhagen', 'DK'], 9],
  [['Aarhus', 'DK'], 4],
  [['Odense', 'DK'], 2],
  [['Helsinki', 'FI'], 7],
  [['Tampere', 'FI'], 3],
  [['Turku', 'FI'], 2],
]);

const LANGUAGES: Record<Country, Weighted<string>> = {
  NO: weighted([['nb', 88], ['nn', 4], ['en', 8]]),
  SE: weighted([['sv', 92], ['en', 8]]),
  DK: weighted([['da', 90], ['en', 10]]),
  FI: weighted([['fi', 80], ['sv', 12], ['en', 8]]),
};

export const INTERESTS = ['sport', 'outdoor', 'travel', 'fashion', 'home', 'beauty', 'electronics', 'kids', 'books'] as const;
const INTEREST_WEIGHTS = weighted<string>([
  ['sport', 14],
  ['outdoor', 14],
  ['travel', 10],
  ['fashion', 12],
  ['home', 12],
  ['beauty', 9],
  ['electronics', 11],
  ['kids', 8],
  ['books', 8],
]);

export const NEWSLETTER_TOPICS = ['offers', 'new_arrivals', 'style', 'outdoor_tips', 'home_living'] as const;

export const CATEGORIES = [
  'shoes',
  'clothing',
  'outdoor',
  'sport',
  'electronics',
  'home',
  'beauty',
  'kids',
  'books',
  'travel',
] as const;

// Which shop categories a person with an interest browses most.
const CATEGORIES_BY_INTEREST: Record<string, string[]> = {
  sport: ['sport', 'shoes'],
  outdoor: ['outdoor', 'shoes', 'clothing'],
  travel: ['travel', 'outdoor'],
  fashion: ['clothing', 'shoes'],
  home: ['home'],
  beauty: ['beauty'],
  electronics: ['electronics'],
  kids: ['kids'],
  books: ['books'],
};

// Price ranges in NOK.
const PRICE_RANGES: Record<string, readonly [number, number]> = {
  shoes: [499, 2499],
  clothing: [199, 2999],
  outdoor: [299, 5999],
  sport: [149, 3999],
  electronics: [299, 14999],
  home: [99, 4999],
  beauty: [79, 899],
  kids: [99, 1499],
  books: [99, 449],
  travel: [199, 3999],
};

// Search queries as typed on the site; a few hold a comma or quotes, so their
// `page` cells must be quoted in the CSV.
const SEARCH_QUERIES = weighted<string>([
  ['regnjakke', 6],
  ['løpesko', 6],
  ['vinterjakke', 5],
  ['hodetelefoner', 4],
  ['kaffetrakter', 3],
  ['ullundertøy', 3],
  ['barnesko str 28', 2],
  ['regnjakke, herre', 2],
  ['ski, staver og bindinger', 1],
  ['"gore-tex" sko', 1],
  ['telt 2 personer', 2],
]);

const REFERRAL_SOURCES = weighted<string>([
  ['organic_search', 25],
  ['paid_search', 15],
  ['paid_social', 14],
  ['direct', 18],
  ['email', 6],
  ['affiliate', 8],
  ['friend_referral', 6],
]);

const GENDERS = weighted<string>([
  ['female', 50],
  ['male', 47],
  ['other', 3],
]);
const DEVICES = weighted<string>([
  ['mobile', 58],
  ['desktop', 32],
  ['tablet', 10],
]);
const INTEREST_COUNTS = weighted<number>([
  [1, 40],
  [2, 40],
  [3, 20],
]);
const EMAIL_OPENS = weighted<number>([
  [0, 45],
  [1, 25],
  [2, 15],
  [3, 10],
  [5, 5],
]);
const LANDINGS = weighted<string>([
  ['home', 40],
  ['category', 35],
  ['campaign', 15],
  ['search', 10],
]);
const PRODUCT_VIEWS = weighted<number>([
  [0, 30],
  [1, 40],
  [2, 20],
  [3, 10],
]);

// Sessions per profile in the history window, as [fewest, most]: dormant, light, regular and heavy shoppers.
const ACTIVITY = weighted<readonly [number, number]>([
  [[0, 0], 26],
  [[1, 1], 37],
  [[2, 2], 18],
  [[3, 4], 14],
  [[5, 8], 5],
]);

// Days before asOf of a person's latest visit, as [nearest, farthest]. Many people were
// here this week or this month, which is what makes the retargeting segments worth running.
const LATEST_VISIT = weighted<readonly [number, number]>([
  [[1, 7], 32],
  [[8, 30], 25],
  [[31, EVENT_HISTORY_DAYS], 43],
]);

// ---------------------------------------------------------------------------
// CSV

/** One CSV field, quoted per RFC 4180 when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record, with its line ending. */
export function csvRow(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvField(fields[i]);
  return line + '\n';
}

/**
 * Encodes text into a fixed buffer and writes it to the file whenever the buffer is
 * full, so memory stays flat however many rows are written (and the garbage
 * collector is not kept busy with millions of short strings).
 */
class ChunkedFileWriter {
  private readonly fd: number;
  private readonly buffer: Buffer;
  private used = 0;

  constructor(file: string, chunkSize: number) {
    mkdirSync(dirname(file), { recursive: true });
    this.fd = openSync(file, 'w');
    this.buffer = Buffer.allocUnsafe(Math.max(1024, chunkSize));
  }

  write(text: string): void {
    // A UTF-16 unit never takes more than 3 bytes in UTF-8.
    const worstCase = text.length * 3;
    if (this.used + worstCase > this.buffer.length) this.flush();
    if (worstCase > this.buffer.length) {
      writeSync(this.fd, text);
      return;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    let written = 0;
    while (written < this.used) written += writeSync(this.fd, this.buffer, written, this.used - written);
    this.used = 0;
  }
}

// ---------------------------------------------------------------------------
// Dates

function dayOfIso(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC rolls 2026-02-30 over into March; a real date reads back unchanged.
  if (!m || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new Error(`asOf must be a date like 2026-11-01, got "${text}"`);
  }
  return ms / MS_PER_DAY;
}

// Formatting dates is the hot path for millions of events: each day's text is built once.
const dayTexts = new Map<number, string>();

function isoDate(ms: number): string {
  const day = Math.floor(ms / MS_PER_DAY);
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    dayTexts.set(day, text);
  }
  return text;
}

function twoDigits(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** `2026-10-30T14:03:11Z`: UTC, whole seconds. */
function isoDateTime(ms: number): string {
  const secondOfDay = Math.floor((ms - Math.floor(ms / MS_PER_DAY) * MS_PER_DAY) / 1000);
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  return `${isoDate(ms)}T${twoDigits(h)}:${twoDigits(m)}:${twoDigits(secondOfDay % 60)}Z`;
}

// ---------------------------------------------------------------------------
// Products

interface Product {
  id: string;
  category: string;
  price: number;
}

function buildProducts(rng: SeededRandom): Map<string, Product[]> {
  const byCategory = new Map<string, Product[]>();
  let next = 10001;
  for (const category of CATEGORIES) {
    const [lo, hi] = PRICE_RANGES[category];
    const list: Product[] = [];
    for (let i = 0; i < 60; i++) {
      // Shop prices end in 9: 499, 1249, 1299 …
      const raw = lo + rng.next() * (hi - lo);
      const price = Math.max(lo, Math.floor(raw / 50) * 50 + 49);
      list.push({ id: `p${next++}`, category, price });
    }
    byCategory.set(category, list);
  }
  return byCategory;
}

// ---------------------------------------------------------------------------
// One profile and its events

interface EventRow {
  time: number;
  /** Tie-breaker so that events at the same second keep their generated order. */
  seq: number;
  event: 'page_view' | 'product_view' | 'add_to_cart' | 'purchase' | 'email_open';
  category?: string;
  productId?: string;
  price?: number;
  /** An order's total in øre (written as NOK with two decimals). */
  amountOre?: number;
  items?: number;
  page?: string;
}

/** Øre as NOK with two decimals: 112410 → `1124.10`. Exact: no floating point in between. */
export function nokText(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const SECONDS = 1000;
const OLD_CRM_RETIRED_DAY = dayOfIso('2025-06-01');

/**
 * Per-session chances that a visit with product views adds to the cart, and
 * that a filled cart is bought; the discount (percent) on orders.
 */
interface Habits {
  cartRate: number;
  checkoutRate: number;
  discountPercent: number;
}

const BLACK_FRIDAY_HABITS: Habits = { cartRate: 0.9, checkoutRate: 0.8, discountPercent: 20 };

/** Chance that a cart left in a session is bought on a visit 2 to 30 hours later. */
const RETURN_TO_CART = 0.35;
/** Chance that a product viewed without a cart is bought on a visit 1 to 5 days later. */
const COME_BACK_FOR_VIEWED = 0.12;

/** Day (since 1970-01-01) of Black Friday, the day after the fourth Thursday of November. */
function blackFridayDay(year: number): number {
  const november1 = Date.UTC(year, 10, 1) / MS_PER_DAY;
  const weekday = new Date(november1 * MS_PER_DAY).getUTCDay();
  const firstThursday = november1 + ((4 - weekday + 7) % 7);
  return firstThursday + 21 + 1;
}

/** Days before asOf of the latest Black Friday whose whole week lies in the event history, if any. */
function latestBlackFridayAgo(asOfDay: number): number | undefined {
  const year = new Date(asOfDay * MS_PER_DAY).getUTCFullYear();
  for (const y of [year, year - 1]) {
    const ago = asOfDay - blackFridayDay(y);
    if (ago - 3 >= 1 && ago + 4 <= EVENT_HISTORY_DAYS) return ago;
  }
  return undefined;
}

class ProfileBuilder {
  private readonly blackFridayAgo: number | undefined;

  constructor(
    private readonly rng: SeededRandom,
    private readonly asOfDay: number,
    private readonly products: Map<string, Product[]>,
  ) {
    this.blackFridayAgo = latestBlackFridayAgo(asOfDay);
  }

  build(index: number): { profile: string[]; events: EventRow[] } {
    const rng = this.rng;
    const userId = 'u' + String(index + 1).padStart(6, '0');

    const [city, country] = rng.weighted(CITIES);
    const language = rng.weighted(LANGUAGES[country]);
    const age = rng.chance(0.08) ? undefined : this.drawAge();
    const gender = rng.chance(0.03) ? '' : rng.weighted(GENDERS);
    const device = rng.weighted(DEVICES);
    const appInstalled = rng.chance(device === 'mobile' ? 0.45 : 0.15);
    const interests = rng.chance(0.06) ? [] : this.drawInterests();
    const emailOptIn = rng.chance(0.04) ? undefined : rng.chance(0.62);
    const smsOptIn = rng.chance(0.1) ? undefined : rng.chance(0.28);
    const topics = emailOptIn === true && rng.chance(0.8) ? this.drawTopics() : [];
    const referral = rng.chance(0.12) ? '' : rng.weighted(REFERRAL_SOURCES);

    // Days before asOf that the person signed up: a quarter within the event history, the rest up to six years back.
    const signupAgo = rng.chance(0.25) ? rng.int(1, EVENT_HISTORY_DAYS) : rng.int(1, 2200);
    const signupMs = (this.asOfDay - signupAgo) * MS_PER_DAY + rng.int(6 * 3600, 23 * 3600) * SECONDS;

    const events = this.drawBehaviour(signupAgo, signupMs, interests, emailOptIn === true);

    // Profile facts are derived from the events, so the two files always agree.
    let purchaseCount = 0;
    let totalSpentOre = 0;
    let firstPurchase: number | undefined;
    let lastPurchase: number | undefined;
    let lastSeen: number | undefined;
    let cartItems = 0;
    let lastCart: number | undefined;
    let recentEvents = 0;
    const recentFrom = (this.asOfDay - 30) * MS_PER_DAY;
    for (const e of events) {
      if (e.event !== 'email_open') lastSeen = e.time;
      if (e.time >= recentFrom) recentEvents++;
      if (e.event === 'purchase') {
        purchaseCount++;
        totalSpentOre += e.amountOre!;
        firstPurchase ??= e.time;
        lastPurchase = e.time;
        // A purchase empties the cart.
        cartItems = 0;
        lastCart = undefined;
      } else if (e.event === 'add_to_cart') {
        cartItems++;
        lastCart = e.time;
      }
    }
    lastSeen ??= signupMs + rng.int(60, 3600) * SECONDS;

    const seenAgo = this.asOfDay - Math.floor(lastSeen / MS_PER_DAY);
    const engagement = Math.min(
      100,
      recentEvents * 7 + (seenAgo <= 7 ? 20 : seenAgo <= 30 ? 10 : 0) + Math.min(purchaseCount, 5) * 4 + rng.int(0, 15),
    );
    // The old score lived in the previous CRM, retired in June 2025: newer profiles never got one.
    const oldScore =
      signupAgo > this.asOfDay - OLD_CRM_RETIRED_DAY
        ? String(Math.min(100, Math.round(engagement * 0.6 + rng.int(0, 40))) / 10)
        : '';

    const tier =
      totalSpentOre >= 1_200_000 ? 'platinum' : totalSpentOre >= 500_000 ? 'gold' : totalSpentOre >= 150_000 ? 'silver' : 'none';
    const channel = rng.weighted(
      weighted<string>([
        ['email', emailOptIn === true ? 5 : 0],
        ['sms', smsOptIn === true ? 2 : 0],
        ['push', appInstalled ? 3 : 0],
        ['none', 1],
      ]),
    );

    const profile = [
      userId,
      age === undefined ? '' : String(age),
      gender,
      city,
      country,
      device,
      interests.join(';'),
      emailOptIn === undefined ? '' : String(emailOptIn),
      smsOptIn === undefined ? '' : String(smsOptIn),
      isoDate(signupMs),
      isoDateTime(lastSeen),
      String(purchaseCount),
      nokText(totalSpentOre),
      purchaseCount === 0 ? '' : nokText(Math.round(totalSpentOre / purchaseCount)),
      firstPurchase === undefined ? '' : isoDate(firstPurchase),
      lastPurchase === undefined ? '' : isoDate(lastPurchase),
      String(cartItems),
      lastCart === undefined ? '' : isoDateTime(lastCart),
      tier,
      channel,
      language,
      topics.join(';'),
      String(engagement),
      oldScore,
      referral,
      String(appInstalled),
    ];
    return { profile, events };
  }

  private drawAge(): number {
    const rng = this.rng;
    if (rng.chance(0.3)) return rng.int(16, 30);
    // Sum of three uniforms: a soft bell between 25 and 79.
    return 25 + Math.floor(((rng.next() + rng.next() + rng.next()) / 3) * 55);
  }

  private drawInterests(): string[] {
    const count = this.rng.weighted(INTEREST_COUNTS);
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(this.rng.weighted(INTEREST_WEIGHTS));
    return INTERESTS.filter((i) => chosen.has(i));
  }

  private drawTopics(): string[] {
    const chosen = NEWSLETTER_TOPICS.filter(() => this.rng.chance(0.35));
    return chosen.length > 0 ? chosen : [this.rng.pick(NEWSLETTER_TOPICS)];
  }

  private drawBehaviour(signupAgo: number, signupMs: number, interests: string[], emailOptIn: boolean): EventRow[] {
    const rng = this.rng;
    const events: EventRow[] = [];
    let seq = 0;
    const push = (e: Omit<EventRow, 'seq'>) => events.push({ ...e, seq: seq++ });

    const oldestAgo = Math.min(EVENT_HISTORY_DAYS, signupAgo);
    // A minority of loyal shoppers fill their cart and check out far more often than the rest.
    const loyal = rng.chance(0.18);
    // Loyalty club members get 10% off every order.
    const habits: Habits = loyal ? { cartRate: 0.5, checkoutRate: 0.85, discountPercent: 10 } : { cartRate: 0.3, checkoutRate: 0.5, discountPercent: 0 };
    const sessionCount = rng.int(...rng.weighted(ACTIVITY)) + (loyal ? 2 : 0);
    const favourites = interests.flatMap((i) => CATEGORIES_BY_INTEREST[i]);
    if (sessionCount > 0) {
      const latestAgo = Math.min(oldestAgo, rng.int(...rng.weighted(LATEST_VISIT)));
      for (let s = 0; s < sessionCount; s++) {
        // The first session is the latest visit; the others lean towards recent days (min of two draws).
        const ago =
          s === 0 ? latestAgo : Math.min(rng.int(latestAgo, oldestAgo), rng.int(latestAgo, oldestAgo));
        const start = (this.asOfDay - ago) * MS_PER_DAY + rng.int(7 * 3600, 22 * 3600) * SECONDS;
        // Never before signup.
        const t0 = Math.max(start, signupMs + 60 * SECONDS);
        this.drawSession(t0, favourites, habits, push);
      }
    }

    // Black Friday week (Monday to Cyber Monday) brings out shoppers who otherwise rarely buy.
    if (this.blackFridayAgo !== undefined && rng.chance(0.06)) {
      const ago = this.blackFridayAgo + rng.int(-3, 4);
      if (ago >= 1 && ago <= oldestAgo) {
        const t0 = (this.asOfDay - ago) * MS_PER_DAY + rng.int(7 * 3600, 22 * 3600) * SECONDS;
        this.drawSession(Math.max(t0, signupMs + 60 * SECONDS), favourites, BLACK_FRIDAY_HABITS, push);
      }
    }

    if (emailOptIn) {
      const opens = rng.weighted(EMAIL_OPENS);
      for (let i = 0; i < opens; i++) {
        const ago = rng.int(1, oldestAgo);
        const t = (this.asOfDay - ago) * MS_PER_DAY + rng.int(6 * 3600, 21 * 3600) * SECONDS;
        push({ time: Math.max(t, signupMs + 3600 * SECONDS), event: 'email_open' });
      }
    }

    // A late-evening session may run past midnight; keep asOf itself out of the history.
    const end = this.asOfDay * MS_PER_DAY - SECONDS;
    for (const e of events) if (e.time > end) e.time = end;
    events.sort((a, b) => a.time - b.time || a.seq - b.seq);
    return events;
  }

  private drawSession(
    t0: number,
    favourites: string[],
    habits: Habits,
    push: (e: Omit<EventRow, 'seq'>) => void,
  ): void {
    const rng = this.rng;
    let t = t0;
    const category = favourites.length > 0 && rng.chance(0.7) ? rng.pick(favourites) : rng.pick(CATEGORIES);

    const landing = rng.weighted(LANDINGS);
    const page =
      landing === 'home'
        ? '/'
        : landing === 'category'
          ? `/c/${category}`
          : landing === 'campaign'
            ? '/campaign/autumn-sale'
            : `/search?q=${rng.weighted(SEARCH_QUERIES)}`;
    push({ time: t, event: 'page_view', page });

    const viewed: Product[] = [];
    const views = rng.weighted(PRODUCT_VIEWS);
    const shelf = this.products.get(category)!;
    for (let i = 0; i < views; i++) {
      t += rng.int(20, 240) * SECONDS;
      const product = rng.pick(shelf);
      viewed.push(product);
      push({ time: t, event: 'product_view', category, productId: product.id, price: product.price });
    }
    if (viewed.length === 0) return;
    if (!rng.chance(habits.cartRate)) {
      // Some come back a few days later for a product they looked at.
      if (rng.chance(COME_BACK_FOR_VIEWED)) {
        const later = t + rng.int(24 * 3600, 5 * 24 * 3600) * SECONDS;
        this.drawOrder(later, rng.pick(viewed), 1, habits, push);
      }
      return;
    }

    // One product line: one unit, or two of the same product (an add to the cart each).
    const product = rng.pick(viewed);
    const quantity = rng.chance(0.75) ? 1 : 2;
    for (let i = 0; i < quantity; i++) {
      t += rng.int(10, 180) * SECONDS;
      push({ time: t, event: 'add_to_cart', category, productId: product.id, price: product.price });
    }
    if (rng.chance(habits.checkoutRate)) {
      this.drawCheckout(t + rng.int(120, 900) * SECONDS, product, quantity, habits, push);
    } else if (rng.chance(RETURN_TO_CART)) {
      // The cart waits; a visit 2 to 30 hours later buys it.
      this.drawCheckout(t + rng.int(2 * 3600, 30 * 3600) * SECONDS, product, quantity, habits, push);
    }
  }

  /** A later visit that puts the product in the cart and buys it. */
  private drawOrder(t0: number, product: Product, quantity: number, habits: Habits, push: (e: Omit<EventRow, 'seq'>) => void): void {
    push({ time: t0, event: 'product_view', category: product.category, productId: product.id, price: product.price });
    const t = t0 + this.rng.int(30, 300) * SECONDS;
    push({ time: t, event: 'add_to_cart', category: product.category, productId: product.id, price: product.price });
    this.drawCheckout(t + this.rng.int(60, 600) * SECONDS, product, quantity, habits, push);
  }

  /** The checkout page, then the order: price × quantity less the discount, to the øre. */
  private drawCheckout(t0: number, product: Product, quantity: number, habits: Habits, push: (e: Omit<EventRow, 'seq'>) => void): void {
    push({ time: t0, event: 'page_view', page: '/checkout' });
    const t = t0 + this.rng.int(30, 300) * SECONDS;
    const fullOre = product.price * 100 * quantity;
    const amountOre = Math.round((fullOre * (100 - habits.discountPercent)) / 100);
    push({ time: t, event: 'purchase', category: product.category, productId: product.id, amountOre, items: quantity });
  }
}

/** One events CSV line. Built directly rather than through csvRow: this runs millions of times. */
function eventLine(userId: string, e: EventRow): string {
  return (
    `${csvField(userId)},${e.event},${isoDateTime(e.time)},` +
    `${e.category === undefined ? '' : csvField(e.category)},` +
    `${e.productId === undefined ? '' : csvField(e.productId)},` +
    `${e.price ?? ''},${e.amountOre === undefined ? '' : nokText(e.amountOre)},${e.items ?? ''},` +
    `${e.page === undefined ? '' : csvField(e.page)}\n`
  );
}

// ---------------------------------------------------------------------------

/** Writes `profileCount` profiles and their events; returns how many rows of each were written. */
export function generateSample(options: SampleOptions): SampleSummary {
  if (!Number.isInteger(options.profileCount) || options.profileCount < 0) {
    throw new Error(`profileCount must be a whole number ≥ 0, got ${options.profileCount}`);
  }
  const asOfDay = dayOfIso(options.asOf);
  const rng = new SeededRandom(options.seed);
  const products = buildProducts(rng);
  const builder = new ProfileBuilder(rng, asOfDay, products);
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;

  const profilesOut = new ChunkedFileWriter(options.profilesFile, chunkSize);
  const eventsOut = new ChunkedFileWriter(options.eventsFile, chunkSize);
  let eventCount = 0;
  try {
    profilesOut.write(csvRow(PROFILE_COLUMNS));
    eventsOut.write(csvRow(EVENT_COLUMNS));
    for (let i = 0; i < options.profileCount; i++) {
      const { profile, events } = builder.build(i);
      profilesOut.write(csvRow(profile));
      for (const e of events) eventsOut.write(eventLine(profile[0], e));
      eventCount += events.length;
    }
  } finally {
    profilesOut.close();
    eventsOut.close();
  }
  return { profiles: options.profileCount, events: eventCount };
}
