// What the checker, completion and hover know about the user's data: each
// attribute's and event's type, description, allowed and observed values.
// Built from the schema (which wins) and the sample (which fills in the rest).
import type { ValueType } from '../base/value-type';

export interface ValueCount {
  value: string;
  count: number;
}

export interface FieldStats {
  /** Rows seen (profiles, or events of that name). */
  rows: number;
  /** Rows with no value. */
  missing: number;
  /**
   * Distinct observed values with their counts, most frequent first; for lists,
   * the distinct items. Undefined for numbers and dates. Cut at DISTINCT_VALUE_CAP.
   */
  values?: ValueCount[];
  /** True when there were more distinct values than the cap: "never seen" cannot be claimed. */
  valuesCapped?: boolean;
  /** Numbers: min / median / max. Dates: as ISO dates. */
  min?: number | string;
  median?: number | string;
  max?: number | string;
}

export const DISTINCT_VALUE_CAP = 1000;

export interface FieldInfo {
  name: string;
  type: ValueType;
  description?: string;
  /** Allowed values from the schema's `values`. */
  allowedValues?: string[];
  /** The schema's deprecation hint ("use engagement_score"). */
  deprecated?: string;
  /** The schema marks it as personal data (`"pii": true`): shown masked among sample members. */
  pii?: boolean;
  /** Where the type came from. */
  source: 'schema' | 'sample';
  stats?: FieldStats;
}

export interface EventInfo {
  name: string;
  description?: string;
  properties: Map<string, FieldInfo>;
  source: 'schema' | 'sample';
  /** How many events of this name the sample holds. */
  count?: number;
}

export interface Catalog {
  attributes: Map<string, FieldInfo>;
  events: Map<string, EventInfo>;
  /** Profiles in the sample, when one was loaded. */
  profileCount?: number;
}

export function emptyCatalog(): Catalog {
  return { attributes: new Map(), events: new Map() };
}
