// Each event's instant, kept compactly for sequences (`then did … within 2
// hours`), which compare times to the second or finer: whole seconds from the
// earliest event's second in 4 bytes an event, and the milliseconds in 2 bytes
// an event only when some event has a fraction of a second. Data spanning more
// than 136 years (2^32 seconds) keeps plain milliseconds instead.
import type { EventInstants } from './store';

const MS_PER_SECOND = 1000;

/** The instants of `count` events, `msAt(i)` giving event i's ms since epoch (a whole number). */
export function packInstants(count: number, msAt: (i: number) => number): EventInstants {
  let minMs = Infinity;
  let maxMs = -Infinity;
  let fractional = false;
  for (let i = 0; i < count; i++) {
    const ms = msAt(i);
    if (ms < minMs) minMs = ms;
    if (ms > maxMs) maxMs = ms;
    if (!fractional && ms % MS_PER_SECOND !== 0) fractional = true;
  }
  const baseSecond = count === 0 ? 0 : Math.floor(minMs / MS_PER_SECOND);
  if (count > 0 && Math.floor(maxMs / MS_PER_SECOND) - baseSecond > 0xffffffff) {
    const ms = new Float64Array(count);
    for (let i = 0; i < count; i++) ms[i] = msAt(i);
    return { kind: 'milliseconds', ms };
  }
  const seconds = new Uint32Array(count);
  const millis = fractional ? new Uint16Array(count) : undefined;
  for (let i = 0; i < count; i++) {
    const ms = msAt(i);
    const second = Math.floor(ms / MS_PER_SECOND);
    seconds[i] = second - baseSecond;
    if (millis) millis[i] = ms - second * MS_PER_SECOND;
  }
  return millis ? { kind: 'seconds', baseSecond, seconds, millis } : { kind: 'seconds', baseSecond, seconds };
}

/** Event `row`'s instant, ms since epoch. */
export function instantMs(instants: EventInstants, row: number): number {
  if (instants.kind === 'milliseconds') return instants.ms[row];
  return (instants.baseSecond + instants.seconds[row]) * MS_PER_SECOND + (instants.millis ? instants.millis[row] : 0);
}

/**
 * The instants as numbers on one axis, for comparing and adding durations:
 * seconds from the base, or milliseconds when the data has them.
 */
export interface TimeAxis {
  /** Event `row`'s position on the axis. */
  at(row: number): number;
  /** Axis units in one second. */
  perSecond: number;
  /** An instant (ms since epoch) on the axis. */
  ofMs(ms: number): number;
}

export function timeAxis(instants: EventInstants): TimeAxis {
  if (instants.kind === 'milliseconds') {
    const { ms } = instants;
    return { at: (row) => ms[row], perSecond: MS_PER_SECOND, ofMs: (t) => t };
  }
  const { seconds, millis, baseSecond } = instants;
  if (millis) {
    return { at: (row) => seconds[row] * MS_PER_SECOND + millis[row], perSecond: MS_PER_SECOND, ofMs: (t) => t - baseSecond * MS_PER_SECOND };
  }
  return { at: (row) => seconds[row], perSecond: 1, ofMs: (t) => t / MS_PER_SECOND - baseSecond };
}
