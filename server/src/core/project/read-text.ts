// Reads a project JSON file, turning a failure into a sentence for a diagnostic
// instead of an exception.
import { readFileSync, statSync } from 'node:fs';
import { MAX_SMALL_TEXT_BYTES, pathNature, pathNatureWords } from './files';

export function readText(file: string): { text: string } | { problem: string } {
  // Never open a named pipe or a device: the read would block, or never end.
  const nature = pathNature(file);
  if (nature !== 'file' && nature !== 'missing' && nature !== 'denied') return { problem: `it is ${pathNatureWords(nature)}, not a file` };
  try {
    // A config or schema file is a few kilobytes; a huge one is not read whole just to say it is wrong.
    if (statSync(file).size > MAX_SMALL_TEXT_BYTES) return { problem: `it is larger than ${MAX_SMALL_TEXT_BYTES / (1024 * 1024)} MB, far more than a project file holds` };
    return { text: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') return { problem: 'the file does not exist' };
    if (code === 'EISDIR') return { problem: 'it is a folder, not a file' };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'permission denied' };
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}
