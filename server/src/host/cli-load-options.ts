// How the CLI loads a project's data: a large CSV sample with two threads
// (the bundled csv-part worker), and within the memory budget the
// environment asks for (SEGMENTS_MEMORY_LIMIT_MB; core/sample/memory-budget.ts
// has the default). An environment variable rather than a flag on every
// command: CI sets it once for the job.
import type { OpenOptions } from '../core/workspace/open-snapshots';
import { bundledCsvPartWorker } from './bundled-workers';

export const MEMORY_LIMIT_VARIABLE = 'SEGMENTS_MEMORY_LIMIT_MB';

export function cliLoadOptions(env: Record<string, string | undefined> = process.env): OpenOptions {
  const raw = env[MEMORY_LIMIT_VARIABLE];
  const limit = raw === undefined || raw.trim() === '' ? undefined : Number(raw);
  return {
    csvPartWorker: bundledCsvPartWorker(),
    memoryLimitMB: limit !== undefined && Number.isFinite(limit) && limit > 0 ? limit : undefined,
  };
}
