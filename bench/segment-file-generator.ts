// Generates realistic `.segment` files for the parse + check benchmark: blocks
// like samples/nordic-shop/segments/*.segment (title, description, owner, tags,
// include with one to five varied conditions, sometimes exclude, comments),
// naming the demo catalog's attributes, events and values so the checker does
// its full work (names, types, values) rather than bailing out on unknowns.
// Deterministic for a given seed.
import { mulberry32 } from '../scripts/seeded-random';

interface Attribute {
  name: string;
  type: 'number' | 'string' | 'boolean' | 'date' | 'list';
  values?: string[];
}

const ATTRIBUTES: Attribute[] = [
  { name: 'age', type: 'number' },
  { name: 'gender', type: 'string', values: ['female', 'male', 'other'] },
  { name: 'city', type: 'string', values: ['Oslo', 'Bergen', 'Stockholm', 'Copenhagen', 'Helsinki'] },
  { name: 'country', type: 'string', values: ['NO', 'SE', 'DK', 'FI'] },
  { name: 'device', type: 'string', values: ['mobile', 'desktop', 'tablet'] },
  { name: 'interests', type: 'list', values: ['sport', 'outdoor', 'travel', 'fashion', 'home', 'beauty', 'electronics', 'kids', 'books'] },
  { name: 'email_opt_in', type: 'boolean' },
  { name: 'sms_opt_in', type: 'boolean' },
  { name: 'app_installed', type: 'boolean' },
  { name: 'signup_date', type: 'date' },
  { name: 'last_seen_at', type: 'date' },
  { name: 'purchase_count', type: 'number' },
  { name: 'total_spent', type: 'number' },
  { name: 'avg_order_value', type: 'number' },
  { name: 'first_purchase_at', type: 'date' },
  { name: 'last_purchase_at', type: 'date' },
  { name: 'cart_items', type: 'number' },
  { name: 'last_cart_at', type: 'date' },
  { name: 'loyalty_tier', type: 'string', values: ['none', 'silver', 'gold', 'platinum'] },
  { name: '`Preferred channel`', type: 'string', values: ['email', 'sms', 'push', 'none'] },
  { name: 'language', type: 'string', values: ['nb', 'nn', 'sv', 'da', 'fi', 'en'] },
  { name: 'newsletter_topics', type: 'list', values: ['offers', 'new_arrivals', 'style', 'outdoor_tips', 'home_living'] },
  { name: 'engagement_score', type: 'number' },
  { name: 'referral_source', type: 'string', values: ['paid_search', 'paid_social', 'organic_search', 'email'] },
];

const EVENTS: { name: string; properties: Attribute[] }[] = [
  { name: 'page_view', properties: [{ name: 'page', type: 'string', values: ['/campaign/autumn-sale', '/search', '/cart'] }] },
  {
    name: 'product_view',
    properties: [
      { name: 'category', type: 'string', values: ['shoes', 'sport', 'outdoor', 'home'] },
      { name: 'price', type: 'number' },
    ],
  },
  {
    name: 'add_to_cart',
    properties: [
      { name: 'category', type: 'string', values: ['shoes', 'sport', 'outdoor', 'home'] },
      { name: 'price', type: 'number' },
    ],
  },
  { name: 'purchase', properties: [{ name: 'amount', type: 'number' }, { name: 'items', type: 'number' }] },
  { name: 'email_open', properties: [] },
];

const OWNERS = ['crm-team', 'growth-team', 'retention-team', 'brand-marketing', 'category-outdoor', 'performance-team'];
const TAGS = ['lifecycle', 'retargeting', 'email', 'sms', 'vip', 'geo', 'interest', 'campaign', 'loyalty', 'churn', 'mobile'];
const WORDS = ['customers', 'who', 'bought', 'recently', 'and', 'opened', 'the', 'newsletter', 'in', 'Oslo', 'shoes', 'gets', 'offer', 'winter', 'sale'];
const UNITS = ['days', 'weeks', 'months', 'day', 'year'];

const rng = mulberry32;

export interface GeneratedFile {
  text: string;
  lines: number;
  segmentIds: string[];
}

export function generateSegmentFile(targetLines: number, seed = 1): GeneratedFile {
  const random = rng(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const day = (): string => `2026-${String(1 + int(10)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  const quoted = (s: string): string => JSON.stringify(s);

  function valueOf(a: Attribute): string {
    switch (a.type) {
      case 'number':
        return String(int(5000));
      case 'string':
        return quoted(pick(a.values ?? ['x']));
      case 'boolean':
        return random() < 0.5 ? 'true' : 'false';
      case 'date':
        return day();
      case 'list':
        return quoted(pick(a.values ?? ['x']));
    }
  }

  function attributeCondition(a: Attribute): string {
    const r = random();
    switch (a.type) {
      case 'number':
        if (r < 0.5) return `${a.name} ${pick(['>=', '>', '<', '<=', '=', '!='])} ${int(1000)}`;
        if (r < 0.8) return `${a.name} between ${int(50)} and ${50 + int(500)}`;
        if (r < 0.9) return `${a.name} in (${int(10)}, ${10 + int(10)}, ${20 + int(10)})`;
        return `${a.name} is ${pick(['missing', 'present'])}`;
      case 'string': {
        const vs = a.values ?? ['x'];
        if (r < 0.45) return `${a.name} ${pick(['=', '!='])} ${valueOf(a)}`;
        if (r < 0.75) return `${a.name} ${random() < 0.2 ? 'not in' : 'in'} (${quoted(pick(vs))}, ${quoted(pick(vs))})`;
        if (r < 0.9) return `${a.name} ${pick(['starts with', 'ends with', 'contains'])} ${quoted(pick(vs).slice(0, 3))}`;
        return `${a.name} is present`;
      }
      case 'boolean':
        return r < 0.5 ? a.name : `${a.name} = ${valueOf(a)}`;
      case 'date':
        if (r < 0.35) return `${a.name} within last ${1 + int(90)} ${pick(UNITS)}`;
        if (r < 0.55) return `${a.name} more than ${1 + int(365)} days ago`;
        if (r < 0.75) return `${a.name} ${pick(['before', 'after'])} ${day()}`;
        if (r < 0.9) return `${a.name} >= ${day()}`;
        return `${a.name} between 2025-01-01 and ${day()}`;
      case 'list': {
        const vs = a.values ?? ['x'];
        if (r < 0.4) return `${a.name} contains ${quoted(pick(vs))}`;
        return `${a.name} contains ${pick(['any', 'all'])} (${quoted(pick(vs))}, ${quoted(pick(vs))})`;
      }
    }
  }

  function didCondition(): string {
    const e = pick(EVENTS);
    let s = `did ${random() < 0.2 ? 'not ' : ''}${e.name}`;
    if (e.properties.length > 0 && random() < 0.5) {
      const p = pick(e.properties);
      s += ` where (${attributeCondition(p)})`;
    }
    if (random() < 0.4) s += ` ${pick(['at least', 'at most', 'exactly'])} ${1 + int(5)} times`;
    const w = random();
    if (w < 0.5) s += ` within last ${1 + int(60)} ${pick(UNITS)}`;
    else if (w < 0.65) s += ` since ${day()}`;
    else if (w < 0.75) s += ` between 2026-01-01 and ${day()}`;
    return s;
  }

  function condition(earlier: string[]): string {
    const r = random();
    if (r < 0.55) return attributeCondition(pick(ATTRIBUTES));
    if (r < 0.8) return didCondition();
    if (r < 0.88 && earlier.length > 0) return `segment ${pick(earlier)}`;
    if (r < 0.94) return `not (${attributeCondition(pick(ATTRIBUTES))})`;
    return `(${attributeCondition(pick(ATTRIBUTES))} or ${attributeCondition(pick(ATTRIBUTES))})`;
  }

  const out: string[] = ['# Generated audiences for the parse + check benchmark.', ''];
  const ids: string[] = [];
  while (out.length < targetLines) {
    const id = `audience_${ids.length + 1}`;
    const remaining = targetLines - out.length;
    if (random() < 0.15) out.push(`# ${Array.from({ length: 6 }, () => pick(WORDS)).join(' ')}`);
    out.push(`segment ${id} {`);
    if (remaining > 8) {
      out.push(`  title ${quoted(`Audience ${ids.length + 1}`)}`);
      out.push(`  description ${quoted(Array.from({ length: 8 + int(10) }, () => pick(WORDS)).join(' ') + '.')}`);
      out.push(`  owner ${quoted(pick(OWNERS))}`);
      out.push(`  tags ${Array.from({ length: 1 + int(3) }, () => pick(TAGS)).join(', ')}`);
      out.push('');
    }
    const n = remaining > 8 ? 1 + int(5) : 1;
    const earlier = ids.slice(-20);
    if (n === 1) out.push(`  include ${condition(earlier)}`);
    else {
      out.push('  include');
      for (let i = 0; i < n; i++) out.push(`    ${i === 0 ? '' : random() < 0.85 ? 'and ' : 'or '}${condition(earlier)}`);
    }
    if (remaining > 12 && random() < 0.25) {
      out.push('');
      out.push(`  exclude ${condition(earlier)}`);
    }
    out.push('}');
    out.push('');
    ids.push(id);
  }
  const lines = out.slice(0, Math.max(targetLines, out.length));
  return { text: lines.join('\n'), lines: lines.length, segmentIds: ids };
}
