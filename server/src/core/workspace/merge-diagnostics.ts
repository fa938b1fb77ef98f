// Every diagnostic of a project in one list: config, schema, sample, segment
// files and sizes, each problem once, in the order every report uses. The
// snapshot is the only caller, so the CLI and the editor list the same things.
import { compareDiagnostics, type Diagnostic } from '../base/diagnostics';

export function mergeDiagnostics(...lists: readonly Diagnostic[][]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const list of lists) {
    for (const d of list) {
      const key = `${d.file}\u0000${d.span.start}:${d.span.end}\u0000${d.position?.line ?? ''}\u0000${d.code}\u0000${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
  }
  return out.sort(compareDiagnostics);
}
