// Sequences: `did A … then did B within D [with same P] …`. A chain holds when
// there are events e1, e2, … of the steps (each passing its filter, e1 also the
// first step's window) with e(k−1).t < e(k).t ≤ e(k−1).t + D(k): strictly
// later, the end included; `with same P` also asks e(k).P = e(k−1).P, both
// present. A last step `then did not B within D` holds when some chain up to
// the step before ends in an event e with no B event (filter and `same`
// included) in (e.t, e.t + D], and that span has ended by the end of the asOf
// day (UTC): a cart abandoned ten minutes before the data ends is not yet
// abandoned.
//
// Per profile (its events are in time order, equal instants in file order),
// one pass per step marks the events that can end a chain up to that step:
// for each event, the latest marked event of the step before that is strictly
// earlier (for `same`, the latest with that value) decides. A `not` step scans
// backwards for the earliest blocking event after each chain end.
import type { SequenceExpr } from '../syntax/ast';
import { exactSeconds } from '../syntax/durations';
import type { Column, EventTable } from '../sample/store';
import { timeAxis } from '../sample/event-instants';
import { emptyBitset, firstSetBit, hasBit, type Bitset } from '../base/bitset';
import { eventColumns, matchingEvents, windowDays } from './event-conditions';
import { valueSlots, type ValueSlots } from './value-slots';

const MS_PER_DAY = 86_400_000;
const ALL_TIME = { from: -Infinity, to: Infinity };

/** How one later step joins the step before it. */
interface Link {
  matches: Bitset;
  /** The most time after the event before, in axis units. */
  gap: number;
  /** `with same P`: the property's column and its value slots; `unmatched` when no value can match. */
  same?: { column: Column; slots: ValueSlots } | 'unmatched';
}

/**
 * Profiles for which the chain holds, without a `did not` in front (the caller
 * negates). `filters[k]` marks the events passing step k's `where`, undefined
 * when it has none.
 */
export function evaluateSequence(
  expr: SequenceExpr,
  events: EventTable | undefined,
  profileCount: number,
  asOfDay: number,
  filters: (Bitset | undefined)[],
): Bitset {
  const out = emptyBitset(profileCount);
  const firstDays = windowDays(expr.first.window, asOfDay);
  if (!events || !firstDays) return out;
  const axis = timeAxis(events.instants);
  const first = matchingEvents(expr.first.event.text, firstDays, events, filters[0]);
  const links: Link[] = [];
  for (const [i, step] of expr.steps.entries()) {
    const seconds = step.gap ? exactSeconds(step.gap) : undefined;
    // A gap in months (an error the checker reports) has no length: the chain holds for nobody.
    if (seconds === undefined) return out;
    links.push({ matches: matchingEvents(step.event.text, ALL_TIME, events, filters[i + 1]), gap: seconds * axis.perSecond, same: sameOf(step.same?.text, events) });
  }
  const negatedLast = expr.steps[expr.steps.length - 1].negated;
  const positiveLinks = negatedLast ? links.slice(0, -1) : links;
  const asOfEnd = axis.ofMs((asOfDay + 1) * MS_PER_DAY);
  const scratch = new Scratch();
  const { profileStart } = events;
  for (let p = 0; p < profileCount; p++) {
    const start = profileStart[p];
    const end = profileStart[p + 1];
    // A chain needs an event for each step before a `not`.
    if (end - start < 1 + positiveLinks.length || firstSetBit(first, start, end) < 0) continue;
    const length = end - start;
    const times = scratch.times(length);
    for (let i = 0; i < length; i++) times[i] = axis.at(start + i);
    let reach = scratch.reach(0, length);
    let any = false;
    for (let i = 0; i < length; i++) any = (reach[i] = +hasBit(first, start + i)) === 1 || any;
    for (let k = 0; any && k < positiveLinks.length; k++) {
      const next = scratch.reach(k + 1, length);
      any = stepForward(positiveLinks[k], reach, next, times, start, length, scratch);
      reach = next;
    }
    if (!any) continue;
    const holds = negatedLast ? noneFollows(links[links.length - 1], reach, times, start, length, asOfEnd, scratch) : true;
    if (holds) out[p >>> 5] |= 1 << (p & 31);
  }
  return out;
}

/** The column and slots of a `with same` property; 'unmatched' when the events have no such single values. */
function sameOf(name: string | undefined, events: EventTable): Link['same'] {
  if (name === undefined) return undefined;
  const column = eventColumns(events).get(name);
  const slots = column ? valueSlots(column) : undefined;
  return column && slots ? { column, slots } : 'unmatched';
}

/** Reusable per-profile arrays, grown to the largest profile seen. */
class Scratch {
  private timeBuffer = new Float64Array(64);
  private reachBuffers: Uint8Array[] = [];
  /** Per `with same` slot: the time recorded, and the pass (stamp) it was recorded in. */
  private slotTime = new Float64Array(0);
  private slotStamp = new Int32Array(0);
  private stamp = 0;

  times(length: number): Float64Array {
    if (this.timeBuffer.length < length) this.timeBuffer = new Float64Array(length * 2);
    return this.timeBuffer;
  }

  reach(k: number, length: number): Uint8Array {
    let buffer = this.reachBuffers[k];
    if (!buffer || buffer.length < length) this.reachBuffers[k] = buffer = new Uint8Array(Math.max(64, length * 2));
    return buffer;
  }

  /** Starts a pass over slots: every slot reads as unset until recorded. */
  slots(count: number): { time: Float64Array; stamp: Int32Array; current: number } {
    if (this.slotTime.length < count) {
      this.slotTime = new Float64Array(count);
      this.slotStamp = new Int32Array(count);
      this.stamp = 0;
    }
    return { time: this.slotTime, stamp: this.slotStamp, current: ++this.stamp };
  }
}

/**
 * Marks in `next` the events of the link's step that follow a marked event of
 * `reach` strictly later and within the gap (with the same value, for `same`).
 * Returns whether any event was marked.
 */
function stepForward(link: Link, reach: Uint8Array, next: Uint8Array, times: Float64Array, start: number, length: number, scratch: Scratch): boolean {
  const { matches, gap, same } = link;
  let any = false;
  let j = 0;
  if (same === undefined) {
    let latest = -Infinity;
    for (let i = 0; i < length; i++) {
      const t = times[i];
      while (j < length && times[j] < t) {
        if (reach[j] === 1) latest = times[j];
        j++;
      }
      const marked = hasBit(matches, start + i) && latest >= t - gap;
      next[i] = +marked;
      any = marked || any;
    }
    return any;
  }
  if (same === 'unmatched') {
    next.fill(0, 0, length);
    return false;
  }
  const { column, slots } = same;
  const { time, stamp, current } = scratch.slots(slots.slots);
  for (let i = 0; i < length; i++) {
    const t = times[i];
    while (j < length && times[j] < t) {
      if (reach[j] === 1 && !hasBit(column.missing, start + j)) {
        const slot = slots.slot(start + j);
        time[slot] = times[j];
        stamp[slot] = current;
      }
      j++;
    }
    let marked = false;
    if (hasBit(matches, start + i) && !hasBit(column.missing, start + i)) {
      const slot = slots.slot(start + i);
      marked = stamp[slot] === current && time[slot] >= t - gap;
    }
    next[i] = +marked;
    any = marked || any;
  }
  return any;
}

/**
 * `then did not`: true when some marked event e has no event of the link's step
 * in (e.t, e.t + gap] (with the same value, for `same`) and e.t + gap is before
 * the end of the asOf day.
 */
function noneFollows(link: Link, reach: Uint8Array, times: Float64Array, start: number, length: number, asOfEnd: number, scratch: Scratch): boolean {
  const { matches, gap, same } = link;
  let j = length - 1;
  if (same === undefined || same === 'unmatched') {
    let earliest = Infinity;
    for (let i = length - 1; i >= 0; i--) {
      const t = times[i];
      if (same === undefined) {
        while (j >= 0 && times[j] > t) {
          if (hasBit(matches, start + j)) earliest = times[j];
          j--;
        }
      }
      if (reach[i] === 1 && t + gap < asOfEnd && !(earliest <= t + gap)) return true;
    }
    return false;
  }
  const { column, slots } = same;
  const { time, stamp, current } = scratch.slots(slots.slots);
  for (let i = length - 1; i >= 0; i--) {
    const t = times[i];
    while (j >= 0 && times[j] > t) {
      if (hasBit(matches, start + j) && !hasBit(column.missing, start + j)) {
        const slot = slots.slot(start + j);
        time[slot] = times[j];
        stamp[slot] = current;
      }
      j--;
    }
    if (reach[i] !== 1 || !(t + gap < asOfEnd)) continue;
    // Without a value of its own, no later event can have the same one.
    if (hasBit(column.missing, start + i)) return true;
    const slot = slots.slot(start + i);
    if (!(stamp[slot] === current && time[slot] <= t + gap)) return true;
  }
  return false;
}
