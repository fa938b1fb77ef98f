// The file system as the hosts (the CLI and the language server) reach it. The
// loaders in core/project/ and core/sample/ are the only code that touches the
// disk (a lint rule says so), so each read and write has one place to be made safe.
import { readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';

/** Config and schema files are small; a larger "JSON" file is not read whole just to place a caret. */
export const MAX_SMALL_TEXT_BYTES = 8 * 1024 * 1024;

export type PathKind = 'file' | 'folder';

/** Whether `path` is a file or a folder (links followed); undefined when it does not exist or cannot be seen. */
export function pathKind(path: string): PathKind | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return undefined;
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

export function existsAsFile(path: string): boolean {
  return pathKind(path) === 'file';
}

/** The path with links resolved, or the path itself when it cannot be resolved (it does not exist). */
export function realPathOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A file's text, or undefined when it cannot be read. */
export function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The text of a small file (a config or schema file), or undefined when it is larger or cannot be read. */
export function readSmallText(path: string, maxBytes = MAX_SMALL_TEXT_BYTES): string | undefined {
  try {
    if (statSync(path).size > maxBytes) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Replaces a file's text (`segments fmt`). */
export function writeText(path: string, text: string): void {
  writeFileSync(path, text);
}
