// The first members of a segment as rows of a table, for the insight panel's
// "sample members". Columns the schema marks `"pii": true` are masked here, in
// the core, so their values never leave the server.
import { bitsetToIndices, type Bitset } from '../base/bitset';
import { textAt } from '../sample/packed-texts';
import type { SampleStore } from '../sample/store';
import { cellText } from './column-values';

/** What a masked cell shows instead of its value. */
export const MASK = '•••';

export interface MemberTable {
  /** The id column first, then every attribute column of the sample. */
  columns: { name: string; masked: boolean }[];
  /** One row per member, cells in column order; null for a missing value. */
  rows: (string | null)[][];
  /** Members in all (the table holds at most `limit` of them). */
  count: number;
}

export function memberRows(store: SampleStore, members: Bitset, limit: number, isPii: (column: string) => boolean): MemberTable {
  const profiles = store.profiles;
  const attributes = [...profiles.columns.values()];
  const rows = bitsetToIndices(members);
  const shown = rows.subarray(0, Math.max(0, Math.min(limit, rows.length)));
  const idMasked = isPii(profiles.idColumn);
  const masks = attributes.map((c) => isPii(c.name));
  return {
    columns: [{ name: profiles.idColumn, masked: idMasked }, ...attributes.map((c, i) => ({ name: c.name, masked: masks[i] }))],
    rows: [...shown].map((row) => [
      idMasked ? MASK : textAt(profiles.ids, row),
      ...attributes.map((c, i) => {
        const text = cellText(c, row);
        return text === undefined ? null : masks[i] ? MASK : text;
      }),
    ]),
    count: rows.length,
  };
}
