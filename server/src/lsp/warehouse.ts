// `segments/countOnWarehouse`: the exact counts of segments on the user's own
// database, next to their sample counts — what `segments size --on` prints,
// for an explicit action in the editor (never computed on its own).
import type { ProjectSnapshot } from '../core/workspace/snapshot';
import { DEFAULT_TIMEOUT_MS, exactCounts } from '../host/warehouse/exact-counts';
import { parseTarget, TargetError } from '../host/warehouse/target';
import type { CountOnWarehouseParams, CountOnWarehouseResult, WarehouseCount } from './protocol';
import type { Settings } from './settings';

export async function countOnWarehouse(snapshot: ProjectSnapshot, path: string, params: CountOnWarehouseParams, settings: Settings): Promise<CountOnWarehouseResult> {
  const text = params.target ?? settings.warehouse.target;
  if (!text) return { error: 'No warehouse to count on: set `segments.warehouse.target` (postgres, postgres://…, or duckdb:FILE).' };
  let target;
  try {
    target = parseTarget(text, snapshot.config.root, process.env);
  } catch (e) {
    if (e instanceof TargetError) return { error: `${e.message}.` };
    throw e;
  }
  const wanted = params.segments ? new Set(params.segments) : undefined;
  const entries = snapshot.segments().filter((s) => s.id !== undefined && (wanted ? wanted.has(s.id) : s.file === path));
  if (entries.length === 0) return { error: wanted ? `No segment ${[...wanted].map((id) => `\`${id}\``).join(', ')} in this project.` : 'This file has no segment to count.' };
  const seconds = params.timeoutSeconds;
  const answer = await exactCounts(snapshot, entries, {
    target,
    profilesTable: params.profilesTable ?? settings.warehouse.profilesTable,
    eventsTable: params.eventsTable ?? settings.warehouse.eventsTable,
    timeoutMs: typeof seconds === 'number' && seconds > 0 ? seconds * 1000 : DEFAULT_TIMEOUT_MS,
    baseDir: snapshot.config.root,
  });
  if (!answer.ok) return { error: answer.error };
  const counts = answer.counts.map((c, i): WarehouseCount => {
    const size = snapshot.size(entries[i].decl);
    const sample = size.kind === 'sized' ? { count: size.count, total: size.total } : null;
    return c.count === null ? { segment: c.segment, count: null, error: c.error, sample } : { segment: c.segment, count: c.count, sample };
  });
  return { on: target.label, counts };
}
