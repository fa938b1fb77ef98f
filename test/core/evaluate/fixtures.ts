// Small sample stores built by hand from JS rows, and segments parsed from text,
// for the evaluator's tests. Dates are written as ISO text ('2026-01-31' or
// '2026-01-31T23:30:00-02:00'); a list cell is a string array; null or an absent
// key is a missing value.
import { encodeNumbers } from '../../../server/src/core/sample/number-dictionary';
import {
  rowMaskOf,
  type Column,
  type EventTable,
  type ProfileTable,
  type SampleStore,
} from '../../../server/src/core/sample/store';
import { dayOfInstant, parseIsoInstant } from '../../../server/src/core/base/days';
import { type ValueType } from '../../../server/src/core/base/value-type';
import { packInstants } from '../../../server/src/core/sample/event-instants';
import { allTexts, packTexts } from '../../../server/src/core/sample/packed-texts';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import type { Expr, SegmentDecl } from '../../../server/src/core/syntax/ast';

export type Cell = number | string | boolean | string[] | null | undefined;
export type Row = Record<string, Cell>;
export type ColumnTypes = Record<string, ValueType>;

export function makeColumn(name: string, type: ValueType, cells: Cell[]): Column {
  const column = makeColumnWithFlags(name, type, cells);
  return { ...column, missing: rowMaskOf(column.missing) } as Column;
}

/** The column with a byte per row for `missing`, which makeColumn packs into bits. */
function makeColumnWithFlags(name: string, type: ValueType, cells: Cell[]) {
  const n = cells.length;
  const missing = new Uint8Array(n);
  const isMissing = (c: Cell) => c === null || c === undefined;
  switch (type) {
    case 'number': {
      const values = new Float64Array(n);
      cells.forEach((c, i) => (isMissing(c) ? (missing[i] = 1) : (values[i] = c as number)));
      return { name, type, missing, ...encodeNumbers(values, (i) => missing[i] === 1) };
    }
    case 'boolean': {
      const values = new Uint8Array(n);
      cells.forEach((c, i) => (isMissing(c) ? (missing[i] = 1) : (values[i] = c ? 1 : 0)));
      return { name, type, missing, values };
    }
    case 'string': {
      const dictionary: string[] = [];
      const index = new Map<string, number>();
      const codes = new Int32Array(n); // a missing row keeps code 0, as the loaders leave it
      cells.forEach((c, i) => {
        if (isMissing(c)) return void (missing[i] = 1);
        const text = c as string;
        if (!index.has(text)) {
          index.set(text, dictionary.length);
          dictionary.push(text);
        }
        codes[i] = index.get(text)!;
      });
      return { name, type, missing, codes, dictionary };
    }
    case 'date': {
      const days = new Int32Array(n);
      cells.forEach((c, i) => {
        const t = isMissing(c) ? undefined : parseIsoInstant(c as string);
        if (t === undefined) return void (missing[i] = 1);
        days[i] = dayOfInstant(t);
      });
      return { name, type, missing, ...encodeNumbers(days, (i) => missing[i] === 1) };
    }
    case 'list': {
      const dictionary: string[] = [];
      const index = new Map<string, number>();
      const offsets = new Int32Array(n + 1);
      const items: number[] = [];
      cells.forEach((c, i) => {
        if (isMissing(c)) missing[i] = 1;
        else {
          for (const item of c as string[]) {
            if (!index.has(item)) {
              index.set(item, dictionary.length);
              dictionary.push(item);
            }
            items.push(index.get(item)!);
          }
        }
        offsets[i + 1] = items.length;
      });
      return { name, type, missing, offsets, itemCodes: Int32Array.from(items), dictionary };
    }
  }
}

export function makeProfiles(types: ColumnTypes, rows: Row[]): ProfileTable {
  const columns = new Map<string, Column>();
  for (const [name, type] of Object.entries(types)) {
    columns.set(name, makeColumn(name, type, rows.map((r) => r[name])));
  }
  return { count: rows.length, idColumn: 'id', ids: packTexts(rows.map((r) => String(r.id))), columns };
}

/** Event rows need `id`, `event` and `timestamp`; the other keys are properties typed by `types`. */
export function makeEvents(profiles: ProfileTable, types: ColumnTypes, rows: Row[]): EventTable {
  const rowOf = new Map(allTexts(profiles.ids).map((id, i) => [id, i]));
  const kept = rows
    .map((r, order) => ({ r, order, profile: rowOf.get(String(r.id)), time: parseIsoInstant(String(r.timestamp))! }))
    .filter((e) => e.profile !== undefined);
  kept.sort((a, b) => a.profile! - b.profile! || a.time - b.time || a.order - b.order);
  const profileStart = new Int32Array(profiles.count + 1);
  for (const e of kept) profileStart[e.profile! + 1]++;
  for (let p = 0; p < profiles.count; p++) profileStart[p + 1] += profileStart[p];
  const eventNames: string[] = [];
  const nameCodes = Int32Array.from(kept, (e) => {
    const name = String(e.r.event);
    if (!eventNames.includes(name)) eventNames.push(name);
    return eventNames.indexOf(name);
  });
  const properties = new Map<string, Column>();
  for (const [name, type] of Object.entries(types)) {
    properties.set(name, makeColumn(name, type, kept.map((e) => e.r[name])));
  }
  return {
    count: kept.length,
    profileStart,
    nameCodes,
    eventNames,
    days: encodeNumbers(Int32Array.from(kept, (e) => dayOfInstant(e.time)), () => false),
    instants: packInstants(kept.length, (i) => kept[i].time),
    properties,
    orphanCount: rows.length - kept.length,
  };
}

export interface StoreSpec {
  types: ColumnTypes;
  profiles: Row[];
  eventTypes?: ColumnTypes;
  events?: Row[];
  version?: number;
}

export function makeStore(spec: StoreSpec): SampleStore {
  const profiles = makeProfiles(spec.types, spec.profiles);
  const events = spec.events ? makeEvents(profiles, spec.eventTypes ?? {}, spec.events) : undefined;
  return { profiles, events, version: spec.version ?? 1 };
}

/** Parses `.segment` text that must be free of syntax errors. */
export function parseFile(text: string, file = 'test.segment'): SegmentDecl[] {
  const { ast, diagnostics } = parseSegments(text, file);
  if (diagnostics.length > 0) {
    throw new Error(`test source does not parse: ${diagnostics.map((d) => d.message).join('; ')}\n${text}`);
  }
  return ast.segments;
}

/** One segment whose include is `expr` (and exclude, when given). */
export function segmentOf(include: string, exclude?: string, id = 's'): SegmentDecl {
  return parseFile(`segment ${id} {\n  include ${include}\n${exclude ? `  exclude ${exclude}\n` : ''}}`)[0];
}

/** The include expression of a one-condition segment. */
export function exprOf(text: string): Expr {
  const include = segmentOf(text).properties.find((p) => p.kind === 'include');
  if (!include || include.kind !== 'include') throw new Error('no include');
  return include.expr;
}

/** Segments from several files, as the project-wide id map. */
export function projectOf(...files: string[]): Map<string, SegmentDecl> {
  const map = new Map<string, SegmentDecl>();
  files.forEach((text, i) => {
    for (const decl of parseFile(text, `file${i}.segment`)) if (decl.id) map.set(decl.id.text, decl);
  });
  return map;
}
