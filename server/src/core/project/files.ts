// The file system as the hosts (the CLI and the language server) reach it. The
// loaders in core/project/ and core/sample/ are the only code that touches the
// disk (a lint rule says so), so each read and write has one place to be made safe.
import { readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { relative, isAbsolute } from 'node:path';

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

/**
 * What is at `path`, links followed, in the words a message needs: a regular
 * file, a folder, one of the special files that must not be opened as a file
 * (a named pipe blocks until something writes to it; a device such as
 * `/dev/zero` never ends), or why there is nothing to open.
 */
export type PathNature = 'file' | 'folder' | 'pipe' | 'device' | 'socket' | 'missing' | 'symlink-loop' | 'denied';

export function pathNature(path: string): PathNature {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return 'missing';
    if (stats.isFile()) return 'file';
    if (stats.isDirectory()) return 'folder';
    if (stats.isFIFO()) return 'pipe';
    if (stats.isSocket()) return 'socket';
    return 'device';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ELOOP' ? 'symlink-loop' : code === 'EACCES' || code === 'EPERM' ? 'denied' : 'missing';
  }
}

/** `a folder`, `a named pipe (FIFO)`, …: what a path is, when it is not a regular file. */
export function pathNatureWords(nature: Exclude<PathNature, 'file'>): string {
  switch (nature) {
    case 'folder':
      return 'a folder';
    case 'pipe':
      return 'a named pipe (FIFO)';
    case 'device':
      return 'a device';
    case 'socket':
      return 'a socket';
    case 'missing':
      return 'not found';
    case 'symlink-loop':
      return 'a symlink loop (a link that leads back to itself)';
    case 'denied':
      return 'not readable (permission denied)';
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

/** Whether `path`, links resolved, is `folder` or inside it (links in `folder`'s own path resolved too). */
export function isInsideFolder(path: string, folder: string): boolean {
  const rel = relative(realPathOrSame(folder), realPathOrSame(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Why a file was not rewritten. */
export type WriteRefusal =
  /** Its real path (links resolved) is outside the project folder: `realPath` is where it leads. */
  | { kind: 'outside-project'; realPath: string }
  /** The file on disk is not valid UTF-8 text: rewriting the decoded text would replace its bytes. */
  | { kind: 'not-utf8' };

/**
 * Replaces a file's text (`segments fmt`), but only a UTF-8 file whose real
 * path is inside `projectRoot`: a symbolic link out of the project is never
 * written through, and bytes that were never text are never replaced.
 */
export function writeTextInProject(projectRoot: string, path: string, text: string): WriteRefusal | undefined {
  if (!isInsideFolder(path, projectRoot)) return { kind: 'outside-project', realPath: realPathOrSame(path) };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    bytes = Buffer.alloc(0);
  }
  if (!isUtf8(bytes)) return { kind: 'not-utf8' };
  writeFileSync(realPathOrSame(path), text);
  return undefined;
}
