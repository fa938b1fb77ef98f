// `did EVENT [where (…)] [COUNT] [WINDOW]` over the grouped event table: the
// events with that name, inside the window and passing the where-filter become
// one bitset over event rows (word-wise, like profile conditions); then one pass
// over the profiles counts each one's bits in its range of events and compares
// the count (docs/language.md#events). "The count alone
// decides": a profile with no events has count 0, so `at most 2 times` and
// `exactly 0 times` hold for it.
import type { DidExpr, EventWindow } from '../syntax/ast';
import type { Column, DateColumn, EventTable } from '../sample/store';
import { andBits, countInRange, emptyBitset, popcount32, wordCount, type Bitset } from '../base/bitset';
import { bitsAt, codeTableBits } from './row-scan';
import { agoRangeDays, subtractDuration } from './calendar';
import { literalDay, orderedRangeBits } from './column-conditions';

export interface DayRange {
  from: number;
  to: number;
}

/** The days a window covers, both ends included; undefined when a date in it is not a date. */
export function windowDays(window: EventWindow | undefined, asOfDay: number): DayRange | undefined {
  if (!window) return { from: -Infinity, to: Infinity };
  switch (window.kind) {
    case 'withinLast':
      return { from: subtractDuration(asOfDay, window.duration), to: asOfDay };
    case 'since': {
      const from = literalDay(window.date);
      return from === undefined ? undefined : { from, to: Infinity };
    }
    case 'between': {
      const from = literalDay(window.from);
      const to = literalDay(window.to);
      return from === undefined || to === undefined ? undefined : { from, to };
    }
    case 'agoBetween':
      return agoRangeDays(window.range, asOfDay);
    case 'moreThanAgo':
      return { from: -Infinity, to: subtractDuration(asOfDay, window.duration) - 1 };
  }
}

/**
 * Profiles for which the positive `did` holds (the caller negates for `did not`).
 * `where` marks the events passing the where-filter, undefined when there is none.
 * Without an event table every profile has count 0. A window whose dates are not
 * dates (a type error the checker reports) makes the condition match nobody.
 */
export function evaluateDid(
  expr: DidExpr,
  events: EventTable | undefined,
  profileCount: number,
  asOfDay: number,
  where: Bitset | undefined,
): Bitset {
  const range = windowDays(expr.window, asOfDay);
  if (!range) return emptyBitset(profileCount);
  const op = expr.count?.op ?? 'atLeast';
  const n = expr.count?.n ?? 1;
  const matching = events ? matchingEvents(expr.event.text, range, events, where) : undefined;
  const out = new Uint32Array(wordCount(profileCount));
  const profileStart = events?.profileStart;
  for (let p = 0; p < profileCount; p++) {
    let count = 0;
    if (matching && profileStart) {
      const start = profileStart[p];
      const length = profileStart[p + 1] - start;
      count = length < 32 ? popcount32(bitsAt(matching, start, length)) : countInRange(matching, start, start + length);
    }
    const match = op === 'atLeast' ? count >= n : op === 'atMost' ? count <= n : count === n;
    out[p >>> 5] |= +match << (p & 31);
  }
  return out;
}

/** Events with the name, inside the window and passing the where-filter, as one bitset over event rows. */
export function matchingEvents(name: string, range: DayRange, events: EventTable, where: Bitset | undefined): Bitset {
  const size = events.count;
  let bits = eventsNamed(name, events);
  if (range.from !== -Infinity || range.to !== Infinity) bits = andBits(bits, orderedRangeBits(events.days, range.from, range.to, size));
  return where ? andBits(bits, where) : bits;
}

const eventsByNameCache = new WeakMap<EventTable, Map<string, Bitset>>();

/** The events with this exact name; kept per table, as most `did` edits keep the name. Never modify the result. */
function eventsNamed(name: string, events: EventTable): Bitset {
  let byName = eventsByNameCache.get(events);
  if (!byName) eventsByNameCache.set(events, (byName = new Map()));
  // Names the table lacks (half-typed ones while editing) are not kept.
  if (!events.eventNames.includes(name)) return emptyBitset(events.count);
  let bits = byName.get(name);
  if (!bits) {
    const table = new Uint8Array(events.eventNames.length + 1);
    events.eventNames.forEach((eventName, code) => {
      if (eventName === name) table[code] = 1;
    });
    bits = codeTableBits(events.nameCodes, table, events.count);
    byName.set(name, bits);
  }
  return bits;
}

const eventColumnsCache = new WeakMap<EventTable, Map<string, Column>>();

/**
 * The columns a where-filter can name: the event's property columns, plus
 * `timestamp` (the event's own time, as a date) unless a property already has
 * that name.
 */
export function eventColumns(events: EventTable): Map<string, Column> {
  let columns = eventColumnsCache.get(events);
  if (!columns) {
    columns = new Map(events.properties);
    if (!columns.has('timestamp')) {
      const timestamp: DateColumn = {
        name: 'timestamp',
        type: 'date',
        missing: emptyBitset(events.count),
        codes: events.days.codes,
        dictionary: events.days.dictionary,
      };
      columns.set('timestamp', timestamp);
    }
    eventColumnsCache.set(events, columns);
  }
  return columns;
}
