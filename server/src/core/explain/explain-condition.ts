// A behaviour condition in plain words, for hovers: what it asks of a profile,
// and what it does for a profile with no such events. Built from the tree, in
// the words a marketer would use, quoting names and filters as written.
import type { AggregateComparison, AggregateExpr, CompareOp, EventRef, EventWindow, Expr, FirstLastExpr, Literal, SequenceExpr } from '../syntax/ast';
import { formatCount } from '../text/numbers';
import { describeCondition, describeDuration, describeEvent, describePath, describeWindow } from '../check/describe';
import { inCode } from '../check/format-name';

/** Plain words for a behaviour condition; undefined for other conditions. */
export function explainCondition(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'firstLast':
      return explainFirstLast(expr);
    case 'aggregate':
      return explainAggregate(expr);
    case 'sequence':
      return explainSequence(expr);
    default:
      return undefined;
  }
}

function explainFirstLast(e: FirstLastExpr): string {
  const when = e.window ? windowWords(e.window) : 'in the window';
  return [
    `Their ${e.which} ${inCode(describeEvent(e))}${filterWords(e)} was ${when}.`,
    `The ${e.which} one is chosen among all their ${eventsWords(e)}, then its day is checked.`,
    'Profiles with no such event are not included.',
  ].join(' ');
}

function explainSequence(e: SequenceExpr): string {
  const first = `${inCode(describeEvent(e.first))}${filterWords(e.first)}${e.first.window ? ` ${windowWords(e.first.window)}` : ''}`;
  const steps = e.steps.map((s) => {
    const gap = s.gap ? ` within ${describeDuration(s.gap)}` : '';
    const same = s.same ? ` with the same ${inCode(describePath(s.same))}` : '';
    const event = `${inCode(describeEvent(s))}${filterWords(s)}`;
    return s.negated ? `and then no ${event}${same}${gap} after it` : `then ${event}${same}${gap} after it`;
  });
  const chain = `${first}, ${steps.join(', ')}`;
  const lines = [e.negated ? `Holds unless they did ${chain}.` : `Did ${chain}.`];
  lines.push('Each step counts only when it is strictly later than the one before (not at the same instant) and at most its time after it.');
  if (e.steps[e.steps.length - 1].negated) {
    lines.push('A span that has not ended by the end of the asOf day (midnight UTC) does not count yet.');
  }
  lines.push(e.negated ? 'Profiles with no such events are included.' : 'Profiles with no such events are not included.');
  return lines.join(' ');
}

/** Property names that hold money: their sum reads "spent …". */
const MONEY = /amount|revenue|price|spend|spent|total|value|cost|paid/i;

function explainAggregate(e: AggregateExpr): string | undefined {
  const c = e.comparison;
  if (!c) return undefined;
  const property = inCode(describePath(e.property));
  const events = eventsWords(e, e.window);
  const compared = comparisonWords(c);
  switch (e.fn) {
    case 'sum': {
      const main = MONEY.test(e.property.text)
        ? `Spent ${compared} in total on ${events} (the sum of ${property}).`
        : `Their ${property} values add up to ${compared} over ${events}.`;
      const zero = holdsAtZero(c) ? 'so it holds for them' : 'so it does not hold for them';
      return `${main} Profiles with no such events (or no ${property} on them) count as 0, ${zero}.`;
    }
    case 'average':
      return `Their average ${property} over ${events} is ${compared}. Profiles with no such values have no average and are not included.`;
    case 'min':
      return `Their smallest ${property} on ${events} is ${compared}. Profiles with no such values are not included.`;
    case 'max':
      return `Their largest ${property} on ${events} is ${compared}. Profiles with no such values are not included.`;
    case 'distinctCount': {
      const zero = holdsAtZero(c) ? 'so it holds for them' : 'so it does not hold for them';
      return `The number of different ${property} values on their ${events} is ${compared}. Profiles with no such events count 0, ${zero}.`;
    }
  }
}

const OP_WORDS: Record<CompareOp, string> = { '=': 'exactly', '!=': 'other than', '<': 'less than', '<=': 'at most', '>': 'more than', '>=': 'at least' };

/** more than 5,000 · between 100 and 500 */
function comparisonWords(c: AggregateComparison): string {
  return c.kind === 'compare' ? `${OP_WORDS[c.op]} ${numberWords(c.value)}` : `between ${numberWords(c.low)} and ${numberWords(c.high)}`;
}

/** 5000 → 5,000; decimals and exponents as written. */
function numberWords(lit: Literal): string {
  return lit.kind === 'number' && Number.isInteger(lit.value) && /^-?\d+$/.test(lit.raw) ? formatCount(lit.value) : lit.raw;
}

/** Whether 0 passes the comparison (a sum or a count of nothing is 0). */
function holdsAtZero(c: AggregateComparison): boolean {
  const value = (lit: Literal) => (lit.kind === 'number' ? lit.value : NaN);
  if (c.kind === 'between') return value(c.low) <= 0 && 0 <= value(c.high);
  const x = value(c.value);
  switch (c.op) {
    case '=': return x === 0;
    case '!=': return x !== 0;
    case '<': return 0 < x;
    case '<=': return 0 <= x;
    case '>': return 0 > x;
    case '>=': return 0 >= x;
  }
}

/** `purchase` events with `amount > 1000` in the last 30 days */
export function eventsWords(ref: EventRef, window?: EventWindow): string {
  return `${inCode(describeEvent(ref))} events${filterWords(ref)}${window ? ` ${windowWords(window)}` : ''}`;
}

/** ` with `amount > 1000``, or nothing without a filter. */
function filterWords(ref: EventRef): string {
  return ref.where ? ` with ${inCode(describeCondition(ref.where))}` : '';
}

/** in the last 30 days, on or after 2026-01-01, between 30 and 90 days ago, … */
export function windowWords(w: EventWindow): string {
  if (w.kind === 'withinLast') return `in the last ${describeDuration(w.duration)}`;
  if (w.kind === 'since') return `on or after ${w.date.raw}`;
  // The other windows read as written: `between 2026-01-01 and 2026-03-31`, `more than 90 days ago`.
  return describeWindow(w);
}
