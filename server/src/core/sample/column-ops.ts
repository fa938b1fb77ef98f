// Row selection over finished columns: keeps the rows listed in `rows`, in that
// order. Used to drop unusable rows (profiles without an id) and to put events
// in profile-then-time order.
import type { CodeArray, Column, RowMask } from './store';
import { wordCount } from '../base/bitset';
import { codeArrayLike } from './code-array';

export function takeRows(column: Column, rows: Int32Array): Column {
  const n = rows.length;
  const missing = takeMaskRows(column.missing, rows);
  switch (column.type) {
    case 'number':
      return { name: column.name, type: 'number', codes: takeCodes(column.codes, rows), dictionary: column.dictionary, missing };
    case 'boolean': {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) values[i] = column.values[rows[i]];
      return { name: column.name, type: 'boolean', values, missing };
    }
    case 'date':
      return { name: column.name, type: 'date', codes: takeCodes(column.codes, rows), dictionary: column.dictionary, missing };
    case 'string':
      return { name: column.name, type: 'string', codes: takeCodes(column.codes, rows), dictionary: column.dictionary, missing };
    case 'list': {
      const offsets = new Int32Array(n + 1);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const r = rows[i];
        total += column.offsets[r + 1] - column.offsets[r];
        offsets[i + 1] = total;
      }
      const itemCodes = codeArrayLike(column.itemCodes, total);
      for (let i = 0; i < n; i++) {
        const r = rows[i];
        itemCodes.set(column.itemCodes.subarray(column.offsets[r], column.offsets[r + 1]), offsets[i]);
      }
      return { name: column.name, type: 'list', offsets, itemCodes, dictionary: column.dictionary, missing };
    }
  }
}

/** The codes of `rows`, in that order, at the same width. */
export function takeCodes(codes: CodeArray, rows: Int32Array): CodeArray {
  const out = codeArrayLike(codes, rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = codes[rows[i]];
  return out;
}

function takeMaskRows(mask: RowMask, rows: Int32Array): RowMask {
  const out = new Uint32Array(wordCount(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out[i >>> 5] |= ((mask[r >>> 5] >>> (r & 31)) & 1) << (i & 31);
  }
  return out;
}
