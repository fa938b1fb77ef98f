// Who the members are, next to everyone: for one attribute, the share of
// members and of all profiles with each value (top values of text, boolean
// and list attributes; a histogram of numbers and dates), and the lift
// (member share ÷ everyone's share). The attributes on which members differ
// most from everyone are what the insight panel shows first.
import type { ValueType } from '../base/value-type';
import { formatDay } from '../base/days';
import { isMissing, type Column } from '../sample/store';

export interface Bucket {
  /** The value (`Oslo`, `true`, `sport`) or a range of a histogram (`18–24`, `2026-01-01–2026-02-01`). */
  label: string;
  members: number;
  everyone: number;
  /** members ÷ the segment's members. */
  memberShare: number;
  /** everyone ÷ all profiles. */
  everyoneShare: number;
  /** memberShare ÷ everyoneShare; null when nobody at all has the value. */
  lift: number | null;
}

export interface AttributeComparison {
  attribute: string;
  type: ValueType;
  /** `values`: top values, most common among members first; `histogram`: ranges in order. */
  shape: 'values' | 'histogram';
  /** Members of the segment, and profiles in the sample: the two denominators. */
  members: number;
  everyone: number;
  buckets: Bucket[];
  /** Profiles with no value. */
  missing: Bucket;
  /** The largest gap between a member share and everyone's share (0–1), missing values included. */
  difference: number;
}

/** How many values a `values` comparison shows. */
export const TOP_VALUES = 8;
/** Text attributes with more distinct values than this are not proposed as "the ones that differ most" (ids, emails). */
export const MAX_PROPOSED_DISTINCT = 200;
const HISTOGRAM_BINS = 10;

/** Per column: which bucket each code falls in, and how many of all profiles are in each (computed once per loaded column). */
interface Layout {
  labels: string[];
  /** Code → bucket, for columns with codes (not boolean, whose value is the bucket). */
  bucketOfCode?: Int32Array;
  everyone: Float64Array;
  everyoneMissing: number;
}
const layouts = new WeakMap<Column, Layout>();

export function distinctValues(column: Column): number {
  return column.type === 'boolean' ? 2 : column.dictionary.length;
}

/** Compares members (`rows`: their row numbers, ascending) with everyone on one column. */
export function compareAttribute(column: Column, rows: ArrayLike<number>, total: number): AttributeComparison {
  const layout = layoutOf(column, total);
  const counts = new Float64Array(layout.labels.length);
  let missing = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (isMissing(column, row)) {
      missing++;
      continue;
    }
    addRow(column, layout, counts, row);
  }
  const members = rows.length;
  const bucket = (label: string, m: number, e: number): Bucket => {
    const memberShare = members > 0 ? m / members : 0;
    const everyoneShare = total > 0 ? e / total : 0;
    return { label, members: m, everyone: e, memberShare, everyoneShare, lift: everyoneShare > 0 ? memberShare / everyoneShare : null };
  };
  let all = layout.labels.map((label, i) => bucket(label, counts[i], layout.everyone[i]));
  const missingBucket = bucket('(missing)', missing, layout.everyoneMissing);
  const difference = Math.max(
    Math.abs(missingBucket.memberShare - missingBucket.everyoneShare),
    ...all.map((b) => Math.abs(b.memberShare - b.everyoneShare)),
  );
  const histogram = column.type === 'number' || column.type === 'date';
  if (!histogram) {
    all = all
      .filter((b) => b.members > 0 || b.everyone > 0)
      .sort((a, b) => b.members - a.members || b.everyone - a.everyone || (a.label < b.label ? -1 : 1))
      .slice(0, TOP_VALUES);
  }
  return {
    attribute: column.name,
    type: column.type,
    shape: histogram ? 'histogram' : 'values',
    members,
    everyone: total,
    buckets: all,
    missing: missingBucket,
    difference,
  };
}

function addRow(column: Column, layout: Layout, counts: Float64Array, row: number): void {
  switch (column.type) {
    case 'boolean':
      counts[column.values[row] === 1 ? 0 : 1]++;
      return;
    case 'list':
      // Each distinct item once per profile: the share of profiles holding it.
      for (let k = column.offsets[row]; k < column.offsets[row + 1]; k++) {
        const code = column.itemCodes[k];
        let seen = false;
        for (let j = column.offsets[row]; j < k; j++) if (column.itemCodes[j] === code) seen = true;
        if (!seen) counts[code]++;
      }
      return;
    default:
      counts[layout.bucketOfCode![column.codes[row]]]++;
  }
}

function layoutOf(column: Column, total: number): Layout {
  let layout = layouts.get(column);
  if (layout) return layout;
  let labels: string[];
  let bucketOfCode: Int32Array | undefined;
  switch (column.type) {
    case 'boolean':
      labels = ['true', 'false'];
      break;
    case 'string':
    case 'list':
      labels = column.dictionary.slice();
      bucketOfCode = Int32Array.from(labels, (_, i) => i);
      break;
    case 'number':
    case 'date': {
      const bins = histogramBins(column.dictionary, column.type);
      labels = bins.labels;
      bucketOfCode = Int32Array.from(column.dictionary, (v) => bins.binOf(v));
      break;
    }
  }
  layout = { labels, bucketOfCode, everyone: new Float64Array(labels.length), everyoneMissing: 0 };
  for (let row = 0; row < total; row++) {
    if (isMissing(column, row)) layout.everyoneMissing++;
    else addRow(column, layout, layout.everyone, row);
  }
  layouts.set(column, layout);
  return layout;
}

/** Even ranges over a sorted dictionary, on round numbers (1, 2, 2.5 or 5 × 10ⁿ; whole days for dates). */
export function histogramBins(sorted: Float64Array, type: 'number' | 'date'): { labels: string[]; binOf(value: number): number } {
  if (sorted.length === 0) return { labels: [], binOf: () => 0 };
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  // Whole numbers (counts, ages, days) get whole-number ranges: no `0–0.5`.
  const whole = type === 'date' || sorted.every((v) => Number.isInteger(v));
  const step = niceStep((max - min) / HISTOGRAM_BINS, whole);
  const first = Math.floor(min / step) * step;
  const count = Math.max(1, Math.floor((max - first) / step) + 1);
  const show = (v: number): string => (type === 'date' ? formatDay(v) : String(Number(v.toFixed(6))));
  const labels = Array.from({ length: count }, (_, i) => {
    const low = first + i * step;
    return type === 'date' || step !== 1 || !Number.isInteger(low) ? `${show(low)}–${show(low + step)}` : show(low);
  });
  return { labels, binOf: (v) => Math.min(count - 1, Math.max(0, Math.floor((v - first) / step))) };
}

function niceStep(raw: number, whole: boolean): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return whole ? Math.max(1, Math.ceil(step)) : step;
}
