// The user's settings under `segments.*`, read with workspace/configuration
// (or from initializationOptions when the client cannot answer that request),
// each falling back to its default when absent or of the wrong type.

export interface Settings {
  /** Sizes above each segment (CodeLens) and per-condition counts (inlay hints). */
  previewEnabled: boolean;
  /** Quiet time after the last keystroke before diagnostics are recomputed. */
  debounceMs: number;
  /** Read at most this many profiles from the sample; undefined reads them all. */
  sampleRowLimit?: number;
  /** The memory a sample's load may take, in MB; undefined: the default (core/sample/memory-budget.ts). */
  sampleMemoryLimitMB?: number;
  /** Read the sample from the project's `.segments-cache/` when up to date, and keep it there after parsing. */
  sampleCache: boolean;
  /** Where "count on the warehouse" counts, and the table names there (segments.warehouse.*). */
  warehouse: { target?: string; profilesTable?: string; eventsTable?: string };
}

export const DEFAULT_SETTINGS: Settings = { previewEnabled: true, debounceMs: 150, sampleRowLimit: undefined, sampleCache: true, warehouse: {} };

/** Accepts both nested (`{ preview: { enabled } }`) and dotted (`{ 'preview.enabled': … }`) shapes. */
export function readSettings(section: unknown): Settings {
  const s = isObject(section) ? section : {};
  const pick = (nested: string[], dotted: string): unknown => {
    if (dotted in s) return s[dotted];
    let v: unknown = s;
    for (const key of nested) v = isObject(v) ? v[key] : undefined;
    return v;
  };
  const enabled = pick(['preview', 'enabled'], 'preview.enabled');
  const debounce = pick(['debounceMs'], 'debounceMs');
  const rowLimit = pick(['sample', 'rowLimit'], 'sample.rowLimit');
  const memoryLimit = pick(['sample', 'memoryLimitMB'], 'sample.memoryLimitMB');
  const cache = pick(['sample', 'cache'], 'sample.cache');
  const text = (nested: string[], dotted: string): string | undefined => {
    const v = pick(nested, dotted);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const warehouse = {
    target: text(['warehouse', 'target'], 'warehouse.target'),
    profilesTable: text(['warehouse', 'profilesTable'], 'warehouse.profilesTable'),
    eventsTable: text(['warehouse', 'eventsTable'], 'warehouse.eventsTable'),
  };
  return {
    previewEnabled: typeof enabled === 'boolean' ? enabled : DEFAULT_SETTINGS.previewEnabled,
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 10_000) : DEFAULT_SETTINGS.debounceMs,
    sampleRowLimit: typeof rowLimit === 'number' && Number.isInteger(rowLimit) && rowLimit > 0 ? rowLimit : undefined,
    sampleMemoryLimitMB: typeof memoryLimit === 'number' && Number.isFinite(memoryLimit) && memoryLimit > 0 ? memoryLimit : undefined,
    sampleCache: typeof cache === 'boolean' ? cache : DEFAULT_SETTINGS.sampleCache,
    warehouse: Object.fromEntries(Object.entries(warehouse).filter(([, v]) => v !== undefined)),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
