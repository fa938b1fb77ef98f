// Shared by the sample tests: small data files in a temp folder, and readers
// that turn typed columns back into plain values for assertions.
import { after } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../../server/src/core/base/diagnostics';
import type { Column, ProfileTable } from '../../../server/src/core/sample/store';
import { isMissing, valueAt } from '../../../server/src/core/sample/store';
import { formatDay } from '../../../server/src/core/base/days';
import { textAt } from '../../../server/src/core/sample/packed-texts';

let dir: string | undefined;
// Registered at import time, so it runs once after the whole test file.
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Writes `content` to a fresh temp folder (removed after the test file) and returns the absolute path. */
export function writeTemp(name: string, content: string | Buffer): string {
  dir ??= mkdtempSync(join(tmpdir(), 'segments-sample-test-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export type PlainValue = number | string | boolean | string[] | undefined;

/** Row `row` of a column as a plain value: dates as `YYYY-MM-DD` (or the full ISO instant when it has a time). */
export function plainValue(column: Column, row: number): PlainValue {
  if (isMissing(column, row)) return undefined;
  switch (column.type) {
    case 'number':
      return valueAt(column, row);
    case 'boolean':
      return column.values[row] === 1;
    case 'string':
      return column.dictionary[column.codes[row]];
    case 'list':
      return Array.from(column.itemCodes.subarray(column.offsets[row], column.offsets[row + 1]), (c) => column.dictionary[c]);
    case 'date':
      return formatDay(valueAt(column, row));
  }
}

/** Every profile as an object keyed by column name (missing cells left out). */
export function profileRows(table: ProfileTable): Record<string, PlainValue>[] {
  const rows: Record<string, PlainValue>[] = [];
  for (let r = 0; r < table.count; r++) {
    const row: Record<string, PlainValue> = { [table.idColumn]: textAt(table.ids, r) };
    for (const [name, column] of table.columns) {
      const v = plainValue(column, r);
      if (v !== undefined) row[name] = v;
    }
    rows.push(row);
  }
  return rows;
}

/** `severity code line: message` (1-based line), one string per diagnostic, for readable assertions. */
export function describe(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.severity} ${d.code} ${(d.position?.line ?? -1) + 1}: ${d.message}`);
}
