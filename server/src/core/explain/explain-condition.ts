// A behaviour condition in plain words, for hovers: what it asks of a profile,
// and what it does for a profile with no such events. Built from the tree, in
// the words a marketer would use, quoting names and filters as written.
import type { EventRef, EventWindow, Expr, FirstLastExpr } from '../syntax/ast';
import { describeCondition, describeDuration, describeEvent, describeWindow } from '../check/describe';
import { inCode } from '../check/format-name';

/** Plain words for a behaviour condition; undefined for other conditions. */
export function explainCondition(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'firstLast':
      return explainFirstLast(expr);
    default:
      return undefined;
  }
}

function explainFirstLast(e: FirstLastExpr): string {
  const event = eventWords(e);
  const when = e.window ? windowWords(e.window) : 'in the window';
  return [
    `Their ${e.which} ${event} was ${when}.`,
    `The ${e.which} one is chosen among all their ${event} events${e.where ? ' that pass the filter' : ''}, then its day is checked.`,
    `Profiles with no such event are not included.`,
  ].join(' ');
}

/** `purchase` or `purchase` with `amount > 1000` */
export function eventWords(ref: EventRef): string {
  const event = inCode(describeEvent(ref));
  return ref.where ? `${event} with ${inCode(describeCondition(ref.where))}` : event;
}

/** in the last 30 days, on or after 2026-01-01, between 30 and 90 days ago, … */
export function windowWords(w: EventWindow): string {
  if (w.kind === 'withinLast') return `in the last ${describeDuration(w.duration)}`;
  if (w.kind === 'since') return `on or after ${w.date.raw}`;
  // The other windows read as written: `between 2026-01-01 and 2026-03-31`, `more than 90 days ago`.
  return describeWindow(w);
}
