// `--timings` (or SEGMENTS_TIMINGS=1): after the command's output, stderr gets
// where the run spent its time, phase by phase, nested phases indented and
// repeated ones (one count per segment) added up. For finding what a cold run
// pays for, not for CI logs: off by default.
import { recordTimings, stopRecordingTimings, type PhaseTiming } from '../../core/base/timings';
import type { CliIo } from '../io';

/** True when the environment asks for timings on every command. */
export function timingsFromEnvironment(env: NodeJS.ProcessEnv): boolean {
  const value = env.SEGMENTS_TIMINGS;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Runs the command, recording its phases when asked, and prints them to stderr after it. */
export async function withTimings(enabled: boolean, io: CliIo, command: () => number | Promise<number>): Promise<number> {
  if (!enabled) return command();
  // Before this point: Node starting and the CLI bundle being compiled and run.
  const startup = performance.now();
  const phases = recordTimings();
  try {
    return await command();
  } finally {
    stopRecordingTimings();
    io.err(formatTimings(startup, phases, performance.now()));
  }
}

interface Row {
  label: string;
  ms: number;
  times: number;
  depth: number;
}

/** The table: start-up, each phase (same-named siblings added up), and the total since the process started. */
export function formatTimings(startup: number, phases: readonly PhaseTiming[], end: number): string {
  const rows: Row[] = [{ label: 'start (Node and the CLI bundle)', ms: startup, times: 1, depth: 0 }];
  // A phase's row is found by its path of names, so repeated phases under the same parent add up.
  const byPath = new Map<string, Row>();
  const open: string[] = [];
  for (const p of phases) {
    if (Number.isNaN(p.ms)) {
      rows.push({ label: p.phase, ms: NaN, times: 1, depth: p.depth });
      continue;
    }
    open.length = p.depth;
    open.push(p.phase);
    const path = open.join('\u0000');
    const row = byPath.get(path);
    if (row) {
      row.ms += p.ms;
      row.times++;
    } else {
      const added = { label: p.phase, ms: p.ms, times: 1, depth: p.depth };
      byPath.set(path, added);
      rows.push(added);
    }
  }
  const accounted = startup + phases.filter((p) => p.depth === 0 && !Number.isNaN(p.ms)).reduce((sum, p) => sum + p.ms, 0);
  rows.push({ label: 'other (output, bookkeeping)', ms: Math.max(0, end - accounted), times: 1, depth: 0 });
  const labels = rows.map((r) => `${'  '.repeat(r.depth + 1)}${Number.isNaN(r.ms) ? '· ' : ''}${r.label}${r.times > 1 ? ` (×${r.times})` : ''}`);
  const width = Math.max(...labels.filter((_, i) => !Number.isNaN(rows[i].ms)).map((l) => l.length), 'total since the process started'.length + 2);
  const lines = rows.map((r, i) => (Number.isNaN(r.ms) ? labels[i] : `${labels[i].padEnd(width)} ${r.ms.toFixed(1).padStart(9)} ms`));
  return ['timings:', ...lines, `${'  total since the process started'.padEnd(width)} ${end.toFixed(1).padStart(9)} ms`, ''].join('\n');
}
