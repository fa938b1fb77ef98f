// File size for progress reporting; an unreadable file counts as empty (the
// loader reports the real problem).
import { statSync } from 'node:fs';

export function fileSizeOrZero(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
