// Phase timings of one command (`segments … --timings`, or SEGMENTS_TIMINGS=1):
// where a cold run spends its time. Off unless a host starts recording, and then
// nothing but a clock read at each phase's start and end; phases nest (the
// profiles' rows inside the sample load), so the report can indent them.
export interface PhaseTiming {
  phase: string;
  /** Wall time, milliseconds; NaN for a note (noteTiming). */
  ms: number;
  /** Phases open around this one when it started. */
  depth: number;
}

let recording: PhaseTiming[] | undefined;
let depth = 0;

/** Starts recording phases (forgetting earlier ones); the array fills as phases end. */
export function recordTimings(): PhaseTiming[] {
  recording = [];
  depth = 0;
  return recording;
}

export function stopRecordingTimings(): void {
  recording = undefined;
}

/** Runs `work` as the named phase. */
export function timed<T>(phase: string, work: () => T): T {
  if (!recording) return work();
  const entry: PhaseTiming = { phase, ms: 0, depth };
  recording.push(entry);
  depth++;
  const started = performance.now();
  try {
    return work();
  } finally {
    entry.ms = performance.now() - started;
    depth--;
  }
}

/** Records what a phase found (`cache: hit`), shown among the phases without a time. */
export function noteTiming(text: string): void {
  recording?.push({ phase: text, ms: NaN, depth });
}
