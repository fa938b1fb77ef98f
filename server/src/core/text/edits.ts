// Applying span edits (fixes, formatting) to a text.
import type { TextEdit } from '../base/diagnostics';

/** `text` with the edits applied; they must not overlap, and may come in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}
