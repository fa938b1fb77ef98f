// The sample store as the two SQL tables the compiler reads (docs/language.md, the CLI's `sql`):
// `profiles` (the id column and one column per attribute) and `events` (the id
// column, `event`, `timestamp` and the property columns). The values are taken
// from the loaded SampleStore, not re-read from the files, so the engines see
// exactly what the evaluator sees: the loader's types, its missing values
// (empty cells, values that did not parse), and only the events it kept (no
// orphans, no events without a time).
//
// Date attributes become DATE columns holding the UTC calendar day, also for
// date-time cells such as `last_seen_at`: the evaluator compares them by UTC
// day, and the compiled SQL compares the column with DATE literals, which is
// exact only on a DATE column (on a TIMESTAMP column `= DATE 'd'` would miss
// every time after midnight).
import type { Catalog } from '../../server/src/core/sample/catalog-types';
import type { Column, EventTable, SampleStore } from '../../server/src/core/sample/store';
import type { ValueType } from '../../server/src/core/base/value-type';
import { isMissing, valueAt } from '../../server/src/core/sample/store';
import { instantMs } from '../../server/src/core/sample/event-instants';
import { allTexts } from '../../server/src/core/sample/packed-texts';

/** An attribute type, or `timestamp` for the event time (ms since epoch, UTC). */
export type SqlColumnType = ValueType | 'timestamp';

/** One cell: null is NULL; dates are day numbers since 1970-01-01; timestamps ms since epoch. */
export type Cell = number | string | boolean | string[] | null;

export interface TableColumn {
  name: string;
  type: SqlColumnType;
  cell(row: number): Cell;
}

export interface SqlTable {
  name: string;
  rowCount: number;
  columns: TableColumn[];
}

/** The cell accessor of a store column (a number column's row i, a date column's day, …). */
function columnCells(column: Column): (row: number) => Cell {
  switch (column.type) {
    case 'number':
      return (i) => (isMissing(column, i) ? null : valueAt(column, i));
    case 'string':
      return (i) => (isMissing(column, i) ? null : column.dictionary[column.codes[i]]);
    case 'boolean':
      return (i) => (isMissing(column, i) ? null : column.values[i] === 1);
    case 'date':
      return (i) => (isMissing(column, i) ? null : valueAt(column, i));
    case 'list':
      return (i) =>
        isMissing(column, i)
          ? null
          : Array.from(column.itemCodes.subarray(column.offsets[i], column.offsets[i + 1]), (c) => column.dictionary[c]);
  }
}

const allNull = () => null;

/** The event's instant, ms since epoch: the engines get the real timestamps. */
function eventTime(events: EventTable, row: number): number {
  return instantMs(events.instants, row);
}

/**
 * The profiles table: the id column, every attribute column of the store, and
 * an all-NULL column for each attribute the catalog declares (schema) but the
 * sample lacks, so queries naming it run, as they would on a real warehouse.
 */
export function profilesTable(store: SampleStore, catalog: Catalog | undefined): SqlTable {
  const { profiles } = store;
  const ids = allTexts(profiles.ids);
  const columns: TableColumn[] = [{ name: profiles.idColumn, type: 'string', cell: (i) => ids[i] }];
  for (const [name, column] of profiles.columns) columns.push({ name, type: column.type, cell: columnCells(column) });
  for (const [name, info] of catalog?.attributes ?? []) {
    if (!profiles.columns.has(name)) columns.push({ name, type: info.type, cell: allNull });
  }
  return { name: 'profiles', rowCount: profiles.count, columns };
}

/**
 * The events table, rows grouped by profile as the store holds them. Property
 * columns the catalog declares for some event but the sample never fills are
 * added as NULL columns (the first declared type wins).
 */
export function eventsTable(store: SampleStore, catalog: Catalog | undefined): SqlTable {
  const { profiles, events } = store;
  const count = events?.count ?? 0;
  const profileOfRow = new Int32Array(count);
  if (events) {
    for (let p = 0; p < profiles.count; p++) profileOfRow.fill(p, events.profileStart[p], events.profileStart[p + 1]);
  }
  const ids = allTexts(profiles.ids);
  const columns: TableColumn[] = [
    { name: profiles.idColumn, type: 'string', cell: (i) => ids[profileOfRow[i]] },
    { name: 'event', type: 'string', cell: (i) => events!.eventNames[events!.nameCodes[i]] },
    { name: 'timestamp', type: 'timestamp', cell: (i) => eventTime(events!, i) },
  ];
  const seen = new Set(columns.map((c) => c.name));
  for (const [name, column] of events?.properties ?? []) {
    if (seen.has(name)) continue;
    seen.add(name);
    columns.push({ name, type: column.type, cell: columnCells(column) });
  }
  for (const info of catalog?.events.values() ?? []) {
    for (const [name, prop] of info.properties) {
      if (seen.has(name)) continue;
      seen.add(name);
      columns.push({ name, type: prop.type, cell: allNull });
    }
  }
  return { name: 'events', rowCount: count, columns };
}
