// The golden segments (test/golden/sql/segments.segment), their catalog, and
// the SQL each dialect gets for them. Shared by the golden and syntax tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValueType } from '../../../server/src/core/base/value-type';
import { compileSegment, type Dialect } from '../../../server/src/core/sql/compile';
import { catalogFromTypes } from './duckdb-harness';
import { AS_OF, ID_COLUMN, parseProject } from './fixtures';

export const GOLDEN_DIR = join('test', 'golden', 'sql');

export const GOLDEN_ATTRIBUTES: Record<string, ValueType> = {
  purchase_count: 'number',
  cart_items: 'number',
  last_cart_at: 'date',
  city: 'string',
  email_opt_in: 'boolean',
  age: 'number',
  interests: 'list',
  device: 'string',
  vip: 'boolean',
  signup: 'date',
  name: 'string',
  email: 'string',
  last_seen: 'date',
  'Preferred channel': 'string',
  'geo.city': 'string',
  select: 'string',
  'we"ird\\name': 'string',
};

export const GOLDEN_EVENTS: Record<string, Record<string, ValueType>> = {
  purchase: { amount: 'number', category: 'string', product_id: 'string' },
  product_view: { category: 'string', product_id: 'string' },
  add_to_cart: { product_id: 'string' },
  'Order Completed': { revenue: 'number' },
  refund: {},
  login: {},
  "Order 'Completed' \\ now": { 'item name': 'string' },
};

export const goldenCatalog = catalogFromTypes(GOLDEN_ATTRIBUTES, GOLDEN_EVENTS);

export function goldenSegments() {
  return parseProject(readFileSync(join(GOLDEN_DIR, 'segments.segment'), 'utf8'));
}

/** Segment id → SQL for one dialect, in file order. */
export function goldenQueries(dialect: Dialect): Map<string, string> {
  const segments = goldenSegments();
  const out = new Map<string, string>();
  for (const [id, decl] of segments) {
    out.set(
      id,
      compileSegment(decl, segments, {
        dialect,
        idColumn: ID_COLUMN,
        asOf: id.startsWith('today_') ? undefined : AS_OF,
        catalog: goldenCatalog,
      }),
    );
  }
  return out;
}
