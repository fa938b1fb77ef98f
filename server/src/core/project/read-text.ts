// Reads a project JSON file, turning a failure into a sentence for a diagnostic
// instead of an exception.
import { readFileSync } from 'node:fs';

export function readText(file: string): { text: string } | { problem: string } {
  try {
    return { text: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') return { problem: 'the file does not exist' };
    if (code === 'EISDIR') return { problem: 'it is a folder, not a file' };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'permission denied' };
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}
