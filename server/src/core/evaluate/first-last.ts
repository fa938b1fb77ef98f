// `first did EVENT [where (…)] WINDOW` and `last did …`: the profile's earliest
// (latest) event of that name that passes the filter — chosen over all time,
// before the window is looked at — must lie in the window. A profile's events
// are in time order, so its first (last) matching event is the first (last)
// set bit of its range in the events' bitset; a profile without one is false.
import type { FirstLastExpr } from '../syntax/ast';
import type { EventTable } from '../sample/store';
import { emptyBitset, firstSetBit, lastSetBit, type Bitset } from '../base/bitset';
import { matchingEvents, windowDays } from './event-conditions';

/** Profiles for which the condition holds; `where` marks the events passing its filter, undefined when there is none. */
export function evaluateFirstLast(
  expr: FirstLastExpr,
  events: EventTable | undefined,
  profileCount: number,
  asOfDay: number,
  where: Bitset | undefined,
): Bitset {
  const out = emptyBitset(profileCount);
  const range = windowDays(expr.window, asOfDay);
  if (!events || !range) return out;
  const matching = matchingEvents(expr.event.text, { from: -Infinity, to: Infinity }, events, where);
  const { profileStart } = events;
  const { codes, dictionary } = events.days;
  const pick = expr.which === 'first' ? firstSetBit : lastSetBit;
  for (let p = 0; p < profileCount; p++) {
    const start = profileStart[p];
    const end = profileStart[p + 1];
    if (start === end) continue;
    const row = pick(matching, start, end);
    if (row < 0) continue;
    const day = dictionary[codes[row]];
    if (day >= range.from && day <= range.to) out[p >>> 5] |= 1 << (p & 31);
  }
  return out;
}
