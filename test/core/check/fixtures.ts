// Catalogs built by hand for the checker's tests, and a helper that parses
// sources with the real parser and runs the checker on them.
import type { Catalog, EventInfo, FieldInfo } from '../../../server/src/core/sample/catalog-types';
import type { ValueType } from '../../../server/src/core/base/value-type';
import type { Diagnostic } from '../../../server/src/core/base/diagnostics';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import { checkProject } from '../../../server/src/core/check/check-project';

export interface FieldSpec {
  type: ValueType;
  /** The schema's allowed values. */
  values?: string[];
  /** Values seen in the sample (each counted once). */
  seen?: string[];
  /** More distinct values in the sample than the cap. */
  capped?: boolean;
  deprecated?: string;
  description?: string;
}

export interface CatalogSpec {
  attributes?: Record<string, ValueType | FieldSpec>;
  events?: Record<string, Record<string, ValueType | FieldSpec>>;
}

function field(name: string, spec: ValueType | FieldSpec): FieldInfo {
  const s: FieldSpec = typeof spec === 'string' ? { type: spec } : spec;
  const info: FieldInfo = { name, type: s.type, source: s.values || s.deprecated !== undefined ? 'schema' : 'sample' };
  if (s.description !== undefined) info.description = s.description;
  if (s.values) info.allowedValues = s.values;
  if (s.deprecated !== undefined) info.deprecated = s.deprecated;
  if (s.seen) {
    info.stats = {
      rows: s.seen.length,
      missing: 0,
      values: s.seen.map((value) => ({ value, count: 1 })),
      valuesCapped: s.capped === true,
    };
  }
  return info;
}

export function makeCatalog(spec: CatalogSpec): Catalog {
  const attributes = new Map<string, FieldInfo>();
  for (const [name, s] of Object.entries(spec.attributes ?? {})) attributes.set(name, field(name, s));
  const events = new Map<string, EventInfo>();
  for (const [name, props] of Object.entries(spec.events ?? {})) {
    const properties = new Map<string, FieldInfo>();
    for (const [p, s] of Object.entries(props)) properties.set(p, field(p, s));
    events.set(name, { name, properties, source: 'schema' });
  }
  return { attributes, events };
}

/** The catalog most tests use: a little of every type. */
export const SHOP = makeCatalog({
  attributes: {
    age: 'number',
    score: 'number',
    city: { type: 'string', seen: ['Oslo', 'Bergen', 'Stavanger', 'Trondheim'] },
    country: { type: 'string', values: ['NO', 'SE', 'DK'] },
    device: { type: 'string', values: ['mobile', 'desktop', 'tablet'] },
    referrer: { type: 'string', seen: ['google'], capped: true },
    page: 'string',
    interests: { type: 'list', values: ['sport', 'travel', 'fashion', 'outdoor'] },
    topics: { type: 'list', seen: ['offers', 'style'] },
    email_opt_in: 'boolean',
    signup_date: 'date',
    last_seen_at: 'date',
    old_score: { type: 'number', deprecated: 'use engagement_score' },
    legacy_flag: { type: 'boolean', deprecated: '' },
    engagement_score: 'number',
    'Preferred channel': { type: 'string', values: ['email', 'sms', 'push'] },
    title: 'string',
    'geo.city': 'string',
    rating: { type: 'number', values: ['1', '2', '3'] },
  },
  events: {
    purchase: { amount: 'number', currency: { type: 'string', values: ['NOK', 'SEK'] } },
    product_view: { category: { type: 'string', values: ['shoes', 'sport'] }, price: 'number' },
    'Order Completed': { total: 'number' },
    email_open: {},
  },
});

export interface SourceFile {
  path: string;
  text: string;
}

/** Parses every file with the real parser and checks them as one project. */
export function checkSources(files: SourceFile[], catalog?: Catalog): Diagnostic[] {
  const parsed = files.map((f) => ({ path: f.path, ast: parseSegments(f.text, f.path).ast }));
  return checkProject({ files: parsed, catalog });
}

/** Parse diagnostics of a text, to make sure test sources are syntactically clean where intended. */
export function syntaxErrors(text: string): Diagnostic[] {
  return parseSegments(text, '/p/test.segment').diagnostics;
}

/** Wraps an include expression in a segment block. */
export function segmentWith(include: string, id = 's'): string {
  return `segment ${id} {\n  include ${include}\n}\n`;
}

export interface Case {
  /** An include expression (or, with `whole`, a whole file) with ⟦…⟧ around where the diagnostic must point. */
  source: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** The include expression (or whole file) after applying the first fix; omitted when no fix is expected. */
  fixed?: string;
  /** The source is a whole file rather than an include expression. */
  whole?: boolean;
}

export { applyEdits } from '../../../server/src/core/text/edits';
