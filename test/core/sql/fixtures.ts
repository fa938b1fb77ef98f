// Shared by the SQL tests: a small hand-made data set with missing values,
// lists (one empty), dates around the asOf boundaries and events around the
// window edges, plus a helper that parses segment text and compiles it.
import type { ValueType } from '../../../server/src/core/base/value-type';
import type { SegmentDecl } from '../../../server/src/core/syntax/ast';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import type { HarnessRow } from './duckdb-harness';

export const AS_OF = '2026-11-01';
export const ID_COLUMN = 'user_id';

export const PROFILE_TYPES: Record<string, ValueType> = {
  age: 'number',
  city: 'string',
  vip: 'boolean',
  signup: 'date',
  interests: 'list',
  'Preferred channel': 'string',
  'geo.city': 'string',
  code: 'string',
};

/*
 * id  age   city     vip    signup      interests         channel  geo.city  code
 * u1  25    Oslo     true   2026-10-30  [sport, travel]   email    Oslo      50%_off
 * u2  35    Bergen   false  2026-08-01  [fashion]         sms      Bergen    50 percent
 * u3  -     -        -      -           -                 -        -         -
 * u4  30    oslo     true   2026-07-31  []                push     -         a_b
 * u5  18    Ålesund  false  2025-11-01  [sport, outdoor]  email    Ålesund   Zed
 * u6  61.5  Tromsø   -      2024-02-29  [travel]          -        Tromsø    x%y
 * u7  -     Bergen   false  2026-11-02  [sport]           sms      -         -
 */
export const PROFILES: HarnessRow[] = [
  { user_id: 'u1', age: 25, city: 'Oslo', vip: true, signup: '2026-10-30', interests: ['sport', 'travel'], 'Preferred channel': 'email', 'geo.city': 'Oslo', code: '50%_off' },
  { user_id: 'u2', age: 35, city: 'Bergen', vip: false, signup: '2026-08-01', interests: ['fashion'], 'Preferred channel': 'sms', 'geo.city': 'Bergen', code: '50 percent' },
  { user_id: 'u3' },
  { user_id: 'u4', age: 30, city: 'oslo', vip: true, signup: '2026-07-31', interests: [], 'Preferred channel': 'push', code: 'a_b' },
  { user_id: 'u5', age: 18, city: 'Ålesund', vip: false, signup: '2025-11-01', interests: ['sport', 'outdoor'], 'Preferred channel': 'email', 'geo.city': 'Ålesund', code: 'Zed' },
  { user_id: 'u6', age: 61.5, city: 'Tromsø', signup: '2024-02-29', interests: ['travel'], 'geo.city': 'Tromsø', code: 'x%y' },
  { user_id: 'u7', city: 'Bergen', vip: false, signup: '2026-11-02', interests: ['sport'], 'Preferred channel': 'sms' },
];

export const EVENT_PROPERTY_TYPES: Record<string, ValueType> = { category: 'string', amount: 'number' };

export const EVENTS: HarnessRow[] = [
  { user_id: 'u1', event: 'purchase', timestamp: '2026-10-31T10:00:00Z', amount: 100, category: 'shoes' },
  { user_id: 'u1', event: 'purchase', timestamp: '2026-10-01T00:00:00Z', amount: 20, category: 'books' },
  { user_id: 'u1', event: 'product_view', timestamp: '2026-10-30T12:00:00Z', category: 'shoes' },
  { user_id: 'u1', event: 'product_view', timestamp: '2026-10-29T12:00:00Z', category: 'shoes' },
  { user_id: 'u1', event: 'product_view', timestamp: '2026-10-28T12:00:00Z', category: 'shoes' },
  // The last second of asOf's day is inside `within last …`.
  { user_id: 'u2', event: 'purchase', timestamp: '2026-11-01T23:59:59Z', amount: 50 },
  { user_id: 'u2', event: 'product_view', timestamp: '2026-10-25T09:00:00Z', category: 'shoes' },
  { user_id: 'u2', event: 'product_view', timestamp: '2026-10-26T09:00:00Z', category: 'hats' },
  { user_id: 'u4', event: 'purchase', timestamp: '2026-09-30T23:59:59Z' },
  { user_id: 'u5', event: 'Order Completed', timestamp: '2026-10-15T08:00:00Z', amount: 10 },
  // After asOf: counts for all-time and `since`, never for `within last`.
  { user_id: 'u5', event: 'purchase', timestamp: '2026-11-02T00:00:01Z', amount: 5 },
  // 2026-10-02 is the first day of `within last 30 days`; a second before it is outside.
  { user_id: 'u6', event: 'product_view', timestamp: '2026-10-02T00:00:00Z', category: 'shoes' },
  { user_id: 'u6', event: 'product_view', timestamp: '2026-10-01T23:59:59Z', category: 'shoes' },
  { user_id: 'u6', event: 'product_view', timestamp: '2026-10-03T00:00:00Z', category: 'shoes' },
  { user_id: 'u6', event: 'product_view', timestamp: '2026-10-04T00:00:00Z' },
  // No time: the sample loader drops such an event, so it never counts.
  { user_id: 'u7', event: 'purchase', timestamp: null, amount: 70 },
  // An id with no profile: never selected.
  { user_id: 'u9', event: 'purchase', timestamp: '2026-10-31T10:00:00Z', amount: 1 },
];

/** Parses segment text; throws with the diagnostics when it does not parse cleanly. */
export function parseProject(text: string): Map<string, SegmentDecl> {
  const { ast, diagnostics } = parseSegments(text, 'test.segment');
  if (diagnostics.length > 0) {
    throw new Error(`test segments do not parse: ${diagnostics.map((d) => d.message).join('; ')}`);
  }
  const byId = new Map<string, SegmentDecl>();
  for (const decl of ast.segments) byId.set(decl.id!.text, decl);
  return byId;
}
