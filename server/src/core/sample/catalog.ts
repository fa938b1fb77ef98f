// The catalog: what the checker, completion and hover know about the data.
// Schema declarations win (type, description, allowed values, deprecation);
// columns only the sample has are added with their inferred type. Statistics
// come from the sample wherever it has the column.
import type { FieldDeclaration, SchemaDocument } from '../project/schema-types';
import type { Column, EventTable, SampleStore } from './store';
import { isMissing } from './store';
import type { Catalog, EventInfo, FieldInfo } from './catalog-types';
import { columnStats } from './field-stats';

export function buildCatalog(store: SampleStore | undefined, schema: SchemaDocument | undefined): Catalog {
  const profiles = store?.profiles;
  const attributes = new Map<string, FieldInfo>();
  for (const [name, declaration] of schema?.attributes ?? []) {
    const column = profiles?.columns.get(name);
    attributes.set(name, declaredField(name, declaration, column && columnStats(column)));
  }
  for (const [name, column] of profiles?.columns ?? []) {
    if (!attributes.has(name)) attributes.set(name, { name, type: column.type, source: 'sample', stats: columnStats(column) });
  }

  const events = new Map<string, EventInfo>();
  const table = store?.events;
  const rowsByName = table ? groupRowsByName(table) : new Map<string, Int32Array>();
  for (const [name, declaration] of schema?.events ?? []) {
    const rows = rowsByName.get(name);
    const info: EventInfo = { name, properties: new Map(), source: 'schema' };
    if (declaration.description !== undefined) info.description = declaration.description;
    if (table) info.count = rows?.length ?? 0;
    for (const [prop, propDeclaration] of declaration.properties) {
      const column = table?.properties.get(prop);
      info.properties.set(prop, declaredField(prop, propDeclaration, column && rows ? columnStats(column, rows) : undefined));
    }
    if (table && rows) addSampleProperties(info, table, rows);
    events.set(name, info);
  }
  for (const [name, rows] of rowsByName) {
    if (events.has(name)) continue;
    const info: EventInfo = { name, properties: new Map(), source: 'sample', count: rows.length };
    addSampleProperties(info, table!, rows);
    events.set(name, info);
  }

  const catalog: Catalog = { attributes, events };
  if (profiles) catalog.profileCount = profiles.count;
  return catalog;
}

function declaredField(name: string, declaration: FieldDeclaration, stats: FieldInfo['stats']): FieldInfo {
  const info: FieldInfo = { name, type: declaration.type, source: 'schema' };
  if (declaration.description !== undefined) info.description = declaration.description;
  if (declaration.values !== undefined) info.allowedValues = declaration.values;
  if (declaration.deprecated !== undefined) info.deprecated = declaration.deprecated;
  if (declaration.pii) info.pii = true;
  if (stats) info.stats = stats;
  return info;
}

/** The properties this event has a value for in at least one of its rows, and not declared already. */
function addSampleProperties(info: EventInfo, table: EventTable, rows: Int32Array): void {
  for (const [prop, column] of table.properties) {
    if (info.properties.has(prop) || !hasAnyValue(column, rows)) continue;
    info.properties.set(prop, { name: prop, type: column.type, source: 'sample', stats: columnStats(column, rows) });
  }
}

function hasAnyValue(column: Column, rows: Int32Array): boolean {
  for (let i = 0; i < rows.length; i++) if (!isMissing(column, rows[i])) return true;
  return false;
}

/** Event rows by event name (names with no rows left out), in table order. */
function groupRowsByName(table: EventTable): Map<string, Int32Array> {
  const counts = new Int32Array(table.eventNames.length);
  for (let i = 0; i < table.count; i++) counts[table.nameCodes[i]]++;
  const groups = table.eventNames.map((_, code) => new Int32Array(counts[code]));
  const filled = new Int32Array(table.eventNames.length);
  for (let i = 0; i < table.count; i++) {
    const code = table.nameCodes[i];
    groups[code][filled[code]++] = i;
  }
  const byName = new Map<string, Int32Array>();
  table.eventNames.forEach((name, code) => {
    if (counts[code] > 0) byName.set(name, groups[code]);
  });
  return byName;
}
