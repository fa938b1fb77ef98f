// A profile's value in one column of the store, as people read it: numbers as
// written, dates as ISO days, lists joined with `; ` (as in a CSV sample).
import { formatDay } from '../base/days';
import { isMissing, valueAt, type Column } from '../sample/store';

/** The value of `row`, or undefined when it is missing. */
export function cellText(column: Column, row: number): string | undefined {
  if (isMissing(column, row)) return undefined;
  switch (column.type) {
    case 'number':
      return String(valueAt(column, row));
    case 'date':
      return formatDay(valueAt(column, row));
    case 'string':
      return column.dictionary[column.codes[row]];
    case 'boolean':
      return column.values[row] === 1 ? 'true' : 'false';
    case 'list': {
      const items: string[] = [];
      for (let k = column.offsets[row]; k < column.offsets[row + 1]; k++) items.push(column.dictionary[column.itemCodes[k]]);
      return items.join('; ');
    }
  }
}
