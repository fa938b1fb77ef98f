// The catalog: what the checker, completion and hover know about the data.
// Schema declarations win (type, description, allowed values, deprecation);
// columns only the sample has are added with their inferred type. Statistics
// come from the sample wherever it has the column.
//
// Building it is cheap: the statistics of a field (a pass over its column) are
// computed the first time something reads `stats` (a hover, a completion, a
// value check), and the properties of an event the first time something reads
// `properties`. A `segments size` that checks three conditions computes three
// columns' statistics, not thirty.
import type { FieldDeclaration, SchemaDocument } from '../project/schema-types';
import type { Column, EventTable, SampleStore } from './store';
import { isMissing } from './store';
import type { Catalog, EventInfo, FieldInfo, FieldStats } from './catalog-types';
import { columnStats } from './field-stats';

export function buildCatalog(store: SampleStore | undefined, schema: SchemaDocument | undefined): Catalog {
  const profiles = store?.profiles;
  const attributes = new Map<string, FieldInfo>();
  for (const [name, declaration] of schema?.attributes ?? []) {
    const column = profiles?.columns.get(name);
    attributes.set(name, declaredField(name, declaration, column && (() => columnStats(column))));
  }
  for (const [name, column] of profiles?.columns ?? []) {
    if (!attributes.has(name)) attributes.set(name, withStats({ name, type: column.type, source: 'sample' }, () => columnStats(column)));
  }

  const events = new Map<string, EventInfo>();
  const table = store?.events;
  const counts = table ? countByName(table) : undefined;
  const rowsOf = table ? rowsByName(table) : () => undefined;
  for (const [name, declaration] of schema?.events ?? []) {
    const info: EventInfo = { name, properties: new Map(), source: 'schema' };
    if (declaration.description !== undefined) info.description = declaration.description;
    if (counts) info.count = counts.get(name) ?? 0;
    lazily(info, 'properties', () => {
      const rows = rowsOf(name);
      const properties = new Map<string, FieldInfo>();
      for (const [prop, propDeclaration] of declaration.properties) {
        const column = table?.properties.get(prop);
        properties.set(prop, declaredField(prop, propDeclaration, column && rows ? () => columnStats(column, rows) : undefined));
      }
      if (table && rows) addSampleProperties(properties, table, rows);
      return properties;
    });
    events.set(name, info);
  }
  for (const [name, count] of counts ?? []) {
    if (events.has(name)) continue;
    const info: EventInfo = { name, properties: new Map(), source: 'sample', count };
    lazily(info, 'properties', () => {
      const properties = new Map<string, FieldInfo>();
      addSampleProperties(properties, table!, rowsOf(name)!);
      return properties;
    });
    events.set(name, info);
  }

  const catalog: Catalog = { attributes, events };
  if (profiles) catalog.profileCount = profiles.count;
  return catalog;
}

/**
 * Replaces `object[key]` by a getter computing it on first read (then kept as a
 * plain value). Enumerable, so the object still reads and compares like plain data.
 */
function lazily<T extends object, K extends keyof T>(object: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(object, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = compute();
      Object.defineProperty(object, key, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
  });
}

function withStats(info: FieldInfo, stats: () => FieldStats): FieldInfo {
  lazily(info, 'stats', stats);
  return info;
}

function declaredField(name: string, declaration: FieldDeclaration, stats: (() => FieldStats) | undefined): FieldInfo {
  const info: FieldInfo = { name, type: declaration.type, source: 'schema' };
  if (declaration.description !== undefined) info.description = declaration.description;
  if (declaration.values !== undefined) info.allowedValues = declaration.values;
  if (declaration.deprecated !== undefined) info.deprecated = declaration.deprecated;
  if (declaration.pii) info.pii = true;
  return stats ? withStats(info, stats) : info;
}

/** The properties this event has a value for in at least one of its rows, and not declared already. */
function addSampleProperties(properties: Map<string, FieldInfo>, table: EventTable, rows: Int32Array): void {
  for (const [prop, column] of table.properties) {
    if (properties.has(prop) || !hasAnyValue(column, rows)) continue;
    properties.set(prop, withStats({ name: prop, type: column.type, source: 'sample' }, () => columnStats(column, rows)));
  }
}

function hasAnyValue(column: Column, rows: Int32Array): boolean {
  for (let i = 0; i < rows.length; i++) if (!isMissing(column, rows[i])) return true;
  return false;
}

/** Events per name (names with no rows left out), in the order of the table's names. */
function countByName(table: EventTable): Map<string, number> {
  const counts = new Int32Array(table.eventNames.length);
  const codes = table.nameCodes;
  for (let i = 0; i < table.count; i++) counts[codes[i]]++;
  const byName = new Map<string, number>();
  table.eventNames.forEach((name, code) => {
    if (counts[code] > 0) byName.set(name, counts[code]);
  });
  return byName;
}

/** The rows of one event name in table order, found on first request and kept (hover and value checks of its properties read them). */
function rowsByName(table: EventTable): (name: string) => Int32Array | undefined {
  const found = new Map<string, Int32Array | undefined>();
  return (name) => {
    if (!found.has(name)) {
      const code = table.eventNames.indexOf(name);
      let rows: Int32Array | undefined;
      if (code >= 0) {
        const codes = table.nameCodes;
        let n = 0;
        for (let i = 0; i < table.count; i++) n += +(codes[i] === code);
        if (n > 0) {
          rows = new Int32Array(n);
          for (let i = 0, k = 0; k < n; i++) if (codes[i] === code) rows[k++] = i;
        }
      }
      found.set(name, rows);
    }
    return found.get(name);
  };
}
