// Document URIs and file paths. The core speaks absolute paths; the protocol
// speaks URIs. A document that is not a file (an unsaved `untitled:` buffer)
// keeps its URI as its "path": it belongs to no project on disk.
import { fileURLToPath, pathToFileURL } from 'node:url';

export function isFileUri(uri: string): boolean {
  return uri.startsWith('file:');
}

export function uriToPath(uri: string): string {
  if (!isFileUri(uri)) return uri;
  try {
    return fileURLToPath(uri);
  } catch {
    return uri;
  }
}

/** True for the stand-in path of a document that has no file on disk. */
export function isVirtualPath(path: string): boolean {
  return /^[a-zA-Z][\w+.-]+:/.test(path) && !/^[a-zA-Z]:[\\/]/.test(path);
}

/**
 * Maps paths back to URIs, preferring the exact URI the client used for a
 * document it opened (clients compare URIs as strings, and encode differently).
 */
export class UriMap {
  private readonly known = new Map<string, string>();

  remember(uri: string): string {
    const path = uriToPath(uri);
    this.known.set(path, uri);
    return path;
  }

  uriFor(path: string): string {
    const known = this.known.get(path);
    if (known) return known;
    return isVirtualPath(path) ? path : pathToFileURL(path).href;
  }
}
