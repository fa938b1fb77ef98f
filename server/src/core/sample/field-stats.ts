// Per-column statistics for the catalog (hover, "value never seen" checks):
// row and missing counts, the most frequent values for text, lists and
// booleans, min / median / max for numbers and dates. Over all rows, or over a
// subset (the events of one name).
import type { Column } from './store';
import { columnLength, isMissing } from './store';
import { formatDay } from '../base/days';
import type { FieldStats, ValueCount } from './catalog-types';
import { DISTINCT_VALUE_CAP } from './catalog-types';

export function columnStats(column: Column, rows?: Int32Array): FieldStats {
  const n = rows ? rows.length : columnLength(column);
  const at = rows ? (i: number) => rows[i] : (i: number) => i;
  let missing = 0;
  for (let i = 0; i < n; i++) missing += +isMissing(column, at(i));
  const stats: FieldStats = { rows: n, missing };
  switch (column.type) {
    case 'string': {
      const counts = new Int32Array(column.dictionary.length);
      for (let i = 0; i < n; i++) {
        const r = at(i);
        if (!isMissing(column, r)) counts[column.codes[r]]++;
      }
      Object.assign(stats, topValues(counts, column.dictionary));
      break;
    }
    case 'list': {
      // Rows holding each item (an item repeated within one row counts once).
      const counts = new Int32Array(column.dictionary.length);
      const lastRow = new Int32Array(column.dictionary.length).fill(-1);
      for (let i = 0; i < n; i++) {
        const r = at(i);
        for (let k = column.offsets[r]; k < column.offsets[r + 1]; k++) {
          const code = column.itemCodes[k];
          if (lastRow[code] !== i) {
            lastRow[code] = i;
            counts[code]++;
          }
        }
      }
      Object.assign(stats, topValues(counts, column.dictionary));
      break;
    }
    case 'boolean': {
      let yes = 0;
      let no = 0;
      for (let i = 0; i < n; i++) {
        const r = at(i);
        if (isMissing(column, r)) continue;
        if (column.values[r]) yes++;
        else no++;
      }
      stats.values = (
        [
          { value: 'true', count: yes },
          { value: 'false', count: no },
        ] as ValueCount[]
      )
        .filter((v) => v.count > 0)
        .sort((a, b) => b.count - a.count);
      break;
    }
    case 'number':
    case 'date': {
      // Codes follow the order of the values, so counts per code give the order statistics.
      const counts = new Int32Array(column.dictionary.length);
      for (let i = 0; i < n; i++) {
        const r = at(i);
        if (!isMissing(column, r)) counts[column.codes[r]]++;
      }
      if (n - missing === 0) break;
      const m = orderStats(counts, column.dictionary, n - missing);
      if (column.type === 'number') Object.assign(stats, m);
      else Object.assign(stats, { min: formatDay(m.min), median: formatDay(Math.floor(m.median)), max: formatDay(m.max) });
      break;
    }
  }
  return stats;
}

/** Values with a count above zero, most frequent first (ties by value), cut at DISTINCT_VALUE_CAP. */
function topValues(counts: Int32Array, dictionary: string[]): Pick<FieldStats, 'values' | 'valuesCapped'> {
  const codes: number[] = [];
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) codes.push(c);
  codes.sort((a, b) => counts[b] - counts[a] || (dictionary[a] < dictionary[b] ? -1 : dictionary[a] > dictionary[b] ? 1 : 0));
  const values = codes.slice(0, DISTINCT_VALUE_CAP).map((c) => ({ value: dictionary[c], count: counts[c] }));
  return codes.length > DISTINCT_VALUE_CAP ? { values, valuesCapped: true } : { values };
}

/** Min, median (mean of the two middle values for an even count) and max of `total` values, given as counts per sorted distinct value. */
export function orderStats(counts: Int32Array, sorted: Float64Array, total: number): { min: number; median: number; max: number } {
  let first = 0;
  while (counts[first] === 0) first++;
  let last = counts.length - 1;
  while (counts[last] === 0) last--;
  // The values at 0-based ranks (total - 1) >> 1 and total >> 1: the same one for an odd count.
  const lowRank = (total - 1) >> 1;
  const highRank = total >> 1;
  let low = NaN;
  let high = NaN;
  let seen = 0;
  for (let c = first; c <= last && high !== high; c++) {
    seen += counts[c];
    if (low !== low && seen > lowRank) low = sorted[c];
    if (seen > highRank) high = sorted[c];
  }
  return { min: sorted[first], median: (low + high) / 2, max: sorted[last] };
}
