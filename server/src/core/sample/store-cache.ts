// The sample cache: a loaded store kept in a file under the project
// (`.segments-cache/`), so the next `segments` run or editor start reads the
// columns back instead of parsing the CSV again. The CLI and the language
// server both come here, through workspace/project-data.ts.
//
// A cache file is used only when everything it was made from is unchanged:
// each data file's resolved path, size, modification time and a hash of its
// first and last 64 KB; the id column, the row limit and what the schema
// declares; and the program that wrote it (format, loader build, V8). Anything
// else — stale, cut short, written by another version, damaged — is a miss: the
// sample is parsed and the file written again. The file is written only inside
// the project's own folder (links resolved), atomically (section-file.ts).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import type { Diagnostic } from '../base/diagnostics';
import type { SchemaDocument } from '../project/schema-types';
import type { EventInstants, SampleStore } from './store';
import { columnLength } from './store';
import { readSectionFile, writeSectionFile, type SectionFileProblem } from './section-file';

/** The cache's folder in the project root; git-ignored by the `.gitignore` written inside it. */
export const CACHE_FOLDER = '.segments-cache';
const FILE_SUFFIX = '.sample-cache';
/** Bytes hashed at each end of a data file. */
const EDGE_BYTES = 64 * 1024;

declare const SEGMENTS_LOADER_ID: string | undefined;
/** Which build of the loaders wrote a file: the bundles get a hash of the loaders' sources (scripts/build.mjs). */
const LOADER_ID = typeof SEGMENTS_LOADER_ID === 'string' ? SEGMENTS_LOADER_ID : 'sources';

export interface CacheOptions {
  /** The project folder (holding segments.config.json): the cache lives in its CACHE_FOLDER. */
  projectRoot: string;
}

/** What a load produces that the cache keeps. */
export interface CachedSample {
  store: SampleStore;
  /** The load's warnings and errors about the data files, as a fresh load would give them. */
  diagnostics: Diagnostic[];
}

export interface SampleInputs {
  profilesPath: string;
  eventsPath?: string;
  idColumn: string;
  schema?: SchemaDocument;
  rowLimit?: number;
}

/** What became of the cache in one load. */
export type CacheOutcome =
  | { kind: 'hit'; file: string; bytes: number }
  | { kind: 'written'; file: string; bytes: number; miss: CacheMiss }
  /** Not written: `why` says why (a read-only folder, a link out of the project, …). */
  | { kind: 'not-written'; miss: CacheMiss; why: string };

export type CacheMiss = SectionFileProblem | 'changed-while-loading';

interface FileFingerprint {
  path: string;
  size: number;
  mtimeMs: number;
  edges: string;
}

interface CacheKey {
  loader: string;
  profiles: FileFingerprint;
  events: FileFingerprint | null;
  idColumn: string;
  rowLimit: number | null;
  schema: string;
}

/** Where the cache of these inputs lives, or why it cannot be there. */
export function cacheFileFor(inputs: SampleInputs, options: CacheOptions): { file: string } | { why: string } {
  const folder = cacheFolder(options.projectRoot);
  if ('why' in folder) return folder;
  // One file per set of inputs (not per content): a changed sample replaces its cache instead of adding one.
  const name = hash(JSON.stringify([inputs.profilesPath, inputs.eventsPath ?? null, inputs.idColumn, inputs.rowLimit ?? null]));
  return { file: join(folder.path, `${name.slice(0, 24)}${FILE_SUFFIX}`) };
}

/** The cached load of these inputs, or why there is none to use. */
export function readSampleCache(file: string, inputs: SampleInputs): { ok: true; sample: CachedSample; bytes: number } | { ok: false; miss: CacheMiss } {
  const key = keyOf(inputs);
  if (!key) return { ok: false, miss: 'unreadable' };
  const wanted = JSON.stringify(key);
  const read = readSectionFile<CachedSample>(file, (written) => {
    if ((written as Partial<CacheKey> | null)?.loader !== key.loader) return 'foreign';
    return JSON.stringify(written) === wanted ? undefined : 'stale';
  });
  if (!read.ok) return { ok: false, miss: read.problem };
  if (!plausible(read.value)) return { ok: false, miss: 'corrupt' };
  return { ok: true, sample: read.value, bytes: read.bytes };
}

/**
 * Keeps a load for next time. `before` is the key taken before the files were
 * read: a file that changed while it was read gives a store of neither version,
 * which is not kept.
 */
export function writeSampleCache(file: string, before: string | undefined, inputs: SampleInputs, sample: CachedSample): { ok: true; bytes: number } | { ok: false; why: string; changed?: true } {
  const key = keyOf(inputs);
  if (!key || before === undefined || JSON.stringify(key) !== before) return { ok: false, why: 'a data file changed while it was read', changed: true };
  try {
    return { ok: true, bytes: writeSectionFile(file, key, sample) };
  } catch (e) {
    return { ok: false, why: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
}

/** The key of the inputs as they are on disk now, as text; undefined when a data file cannot be read. */
export function currentKey(inputs: SampleInputs): string | undefined {
  const key = keyOf(inputs);
  return key && JSON.stringify(key);
}

function keyOf(inputs: SampleInputs): CacheKey | undefined {
  const profiles = fingerprint(inputs.profilesPath);
  if (!profiles) return undefined;
  let events: FileFingerprint | null = null;
  if (inputs.eventsPath) {
    const found = fingerprint(inputs.eventsPath);
    if (!found) return undefined;
    events = found;
  }
  return {
    loader: LOADER_ID,
    profiles,
    events,
    idColumn: inputs.idColumn,
    rowLimit: inputs.rowLimit ?? null,
    // The schema declares column types the loaders follow; V8's serialization of it is stable for the same document.
    schema: inputs.schema ? hash(serialize(inputs.schema)) : '',
  };
}

function fingerprint(path: string): FileFingerprint | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return undefined;
    const digest = createHash('sha256');
    const head = Buffer.alloc(Math.min(EDGE_BYTES, stats.size));
    digest.update(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
    if (stats.size > EDGE_BYTES) {
      const tail = Buffer.alloc(Math.min(EDGE_BYTES, stats.size - EDGE_BYTES));
      digest.update(tail.subarray(0, readSync(fd, tail, 0, tail.length, stats.size - tail.length)));
    }
    return { path: realpathSync(path), size: stats.size, mtimeMs: stats.mtimeMs, edges: digest.digest('hex') };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * The cache folder inside the project's real folder, created when missing (with
 * a `.gitignore` that ignores it). Refused when the name is taken by a link or
 * a file, so nothing is ever written outside the project.
 */
function cacheFolder(projectRoot: string): { path: string } | { why: string } {
  let root: string;
  try {
    root = realpathSync(projectRoot);
  } catch {
    return { why: 'the project folder cannot be resolved' };
  }
  const path = join(root, CACHE_FOLDER);
  let stats;
  try {
    stats = lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return { why: `${CACHE_FOLDER} cannot be read` };
  }
  if (stats?.isSymbolicLink()) return { why: `${CACHE_FOLDER} is a link; the cache is only written inside the project` };
  if (stats && !stats.isDirectory()) return { why: `${CACHE_FOLDER} is not a folder` };
  if (!stats) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, '.gitignore'), '# Written by segments: a cache of the loaded sample, safe to delete.\n*\n');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { why: `${CACHE_FOLDER} cannot be created (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  return { path };
}

function hash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The shape a store must have before anything reads it: every column as long as its table. */
function plausible(sample: CachedSample): boolean {
  const store = sample?.store;
  const profiles = store?.profiles;
  if (!profiles || !Number.isInteger(profiles.count) || !(profiles.columns instanceof Map) || !Array.isArray(sample.diagnostics)) return false;
  if (profiles.ids?.starts?.length !== profiles.count + 1) return false;
  for (const column of profiles.columns.values()) if (columnLength(column) !== profiles.count) return false;
  const events = store.events;
  if (events) {
    if (events.profileStart?.length !== profiles.count + 1 || events.nameCodes?.length !== events.count || !(events.properties instanceof Map)) return false;
    if (instantsLength(events.instants) !== events.count) return false;
    for (const column of events.properties.values()) if (columnLength(column) !== events.count) return false;
  }
  return true;
}

/** How many instants a store read back holds (-1 when they are not there), so a store without them is never used. */
function instantsLength(instants: EventInstants | undefined): number {
  if (instants?.kind === 'seconds') return instants.millis && instants.millis.length !== instants.seconds.length ? -1 : instants.seconds.length;
  if (instants?.kind === 'milliseconds') return instants.ms.length;
  return -1;
}
