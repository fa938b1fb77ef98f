// Finds the project a file belongs to and the `.segment` files of a project.
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from './config';

export const SEGMENT_EXTENSION = '.segment';

/** How many folders findConfigFiles looks into at most (a workspace opened on `/` must not hang the server). */
const MAX_SCAN_FOLDERS = 5000;

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * The nearest segments.config.json at or above `startPath` (a file or a folder;
 * a path that does not exist, such as an unsaved file, counts as a file).
 */
export function findConfigFile(startPath: string): string | undefined {
  const start = resolve(startPath);
  let dir = statOrUndefined(start)?.isDirectory() ? start : dirname(start);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (statOrUndefined(candidate)?.isFile()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The folder a project's paths are relative to: the config's folder, or the start folder without one. */
export function projectRootFor(startPath: string): string {
  const configFile = findConfigFile(startPath);
  if (configFile) return dirname(configFile);
  const start = resolve(startPath);
  return statOrUndefined(start)?.isDirectory() ? start : dirname(start);
}

/**
 * Every `.segment` file under `root`, as absolute paths in code-unit order.
 * Skips `node_modules` and dot-folders (`.git`, `.vscode`, …), and does not enter
 * a sub-folder with its own segments.config.json: that is another project.
 * Symbolic links are followed, but each real folder is walked once, so a link
 * loop ends; a file reached through two paths is listed once (under the first
 * path in order), since listing it twice would report every id as a duplicate.
 */
export function listSegmentFiles(root: string): string[] {
  const start = resolve(root);
  const startStats = statOrUndefined(start);
  if (!startStats) return [];
  if (!startStats.isDirectory()) return startStats.isFile() && start.endsWith(SEGMENT_EXTENSION) ? [start] : [];

  const found: string[] = [];
  const walkedFolders = new Set<string>();
  const pending = [start];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      continue;
    }
    if (walkedFolders.has(real)) continue;
    walkedFolders.add(real);
    if (dir !== start && statOrUndefined(join(dir, CONFIG_FILE_NAME))?.isFile()) continue;

    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = statOrUndefined(full);
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') pending.push(full);
      } else if (isFile && entry.name.endsWith(SEGMENT_EXTENSION)) {
        found.push(full);
      }
    }
  }
  return withoutAliases(found.sort());
}

function withoutAliases(sortedFiles: string[]): string[] {
  const seen = new Set<string>();
  return sortedFiles.filter((file) => {
    let real = file;
    try {
      real = realpathSync(file);
    } catch {
      // Keep a file whose real path cannot be resolved; it is still a file we found.
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

/** Every segments.config.json under a folder, skipping node_modules and dot-folders. */
export function findConfigFiles(folder: string, maxFolders = MAX_SCAN_FOLDERS): string[] {
  const found: string[] = [];
  const pending = [folder];
  let visited = 0;
  while (pending.length > 0 && visited < maxFolders) {
    const dir = pending.pop()!;
    visited++;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') pending.push(join(dir, e.name));
      } else if (e.name === CONFIG_FILE_NAME) {
        const full = join(dir, e.name);
        if (statOrUndefined(full)?.isFile()) found.push(full);
      }
    }
  }
  return found.sort();
}
