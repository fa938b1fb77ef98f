// Reads one data file (CSV or JSON Lines) into typed columns: the engine under
// the profile and event loaders.
// This file picks the reader by the file's format and opens the file;
// read-csv-table.ts and read-jsonl-table.ts do the passes (see table-read.ts).
import { extname } from 'node:path';
import type { Diagnostic } from '../base/diagnostics';
import type { ByteSource } from './byte-source';
import { fileByteSource } from './byte-source';
import { dataDiagnostic } from './data-diagnostics';
import { RowLines } from './csv-rows';
import type { TableReadRequest, TableReadResult } from './table-read';
import { readCsvTable } from './read-csv-table';
import { readJsonTable } from './read-jsonl-table';
import { pathNatureWords, type PathNature } from '../project/files';

export type DataFormat = 'csv' | 'jsonl';

/** `.jsonl`, `.ndjson` and `.json` are JSON Lines; anything else is read as CSV. */
export function dataFormatOf(path: string): DataFormat {
  const ext = extname(path).toLowerCase();
  return ext === '.jsonl' || ext === '.ndjson' || ext === '.json' ? 'jsonl' : 'csv';
}

export function readTable(req: TableReadRequest): TableReadResult {
  const diagnostics: Diagnostic[] = [];
  const failed = (): TableReadResult => ({
    ok: false,
    rowCount: 0,
    rowLines: new RowLines().finish(),
    columns: [],
    diagnostics,
    size: 0,
    threads: 1,
  });
  const opened = openSource(req, diagnostics);
  if (!opened) return failed();
  const size = opened.size ?? 0;
  if (size === 0) {
    opened.close();
    diagnostics.push(
      dataDiagnostic(req.file, 1, 'error', 'sample-file-empty', `The ${req.label} \`${req.file}\` is empty: ${req.needs}.`),
    );
    return failed();
  }
  const result =
    dataFormatOf(req.file) === 'jsonl'
      ? readJsonTable(req, opened, size, diagnostics)
      : readCsvTable(req, opened, size, diagnostics);
  return result ?? failed();
}

function openSource(req: TableReadRequest, diagnostics: Diagnostic[]): ByteSource | undefined {
  try {
    return fileByteSource(req.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      diagnostics.push(
        dataDiagnostic(req.file, 1, 'error', 'sample-file-not-found', `The ${req.label} \`${req.file}\` does not exist.`),
      );
    } else {
      const nature = (e as { nature?: Exclude<PathNature, 'file'> }).nature;
      const reason = nature
        ? `it is ${pathNatureWords(nature)}${nature === 'pipe' ? ' (only `segments size --sample` reads a pipe)' : ''}`
        : code === 'ELOOP'
          ? `it is ${pathNatureWords('symlink-loop')}`
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
      diagnostics.push(
        dataDiagnostic(req.file, 1, 'error', 'sample-file-unreadable', `The ${req.label} \`${req.file}\` cannot be read: ${reason}.`),
      );
    }
    return undefined;
  }
}
