// One small integer per distinct single value of a column ("slot"), so that
// per-profile work (distinct counts, `with same` in sequences) can index an
// array instead of comparing values: text and numbers by their dictionary code,
// equal numbers (0 and -0) sharing one slot, booleans as 0 and 1.
import type { Column } from '../sample/store';

export interface ValueSlots {
  /** Number of slots: slot(row) is below it. */
  slots: number;
  /** The slot of a present row's value (read `missing` first). */
  slot(row: number): number;
}

/** One slot per distinct single value of the column; undefined for lists (which the checker refuses). */
export function valueSlots(column: Column): ValueSlots | undefined {
  switch (column.type) {
    case 'string':
      return { slots: column.dictionary.length + 1, slot: (row) => column.codes[row] };
    case 'boolean':
      return { slots: 2, slot: (row) => column.values[row] };
    case 'number':
    case 'date': {
      // The dictionary is sorted: equal values (0 and -0) sit next to each other.
      const { dictionary, codes } = column;
      const canonical = new Int32Array(dictionary.length);
      for (let c = 1; c < dictionary.length; c++) canonical[c] = dictionary[c] === dictionary[c - 1] ? canonical[c - 1] : c;
      return { slots: dictionary.length + 1, slot: (row) => canonical[codes[row]] };
    }
    case 'list':
      return undefined;
  }
}
