// A canonical text for a condition, without spans or layout, so a cache can tell
// that two conditions mean the same thing: the same condition typed in another
// place, re-indented, wrapped in parentheses, or with its list values reordered
// gets the same key. Only rewrites that never change the result are applied:
// parentheses are dropped (nesting is kept by bracketing every and/or), nested
// and/or of the same kind are flattened, list values are sorted, `a` alone is
// `a = true`, weeks become days and years become months, a datetime literal is
// its UTC date (the only part the evaluator uses), and `did` without a count is
// `at least 1 times`.
import type { AgoRange, Duration, EventRef, EventWindow, Expr, Literal, Path } from '../syntax/ast';
import { exactSeconds } from '../syntax/durations';

export function conditionKey(expr: Expr): string {
  switch (expr.kind) {
    case 'group':
      return conditionKey(expr.inner);
    case 'or':
    case 'and':
      return '(' + flatten(expr.kind, expr.operands).map(conditionKey).join(` ${expr.kind} `) + ')';
    case 'not':
      return `not ${conditionKey(expr.operand)}`;
    case 'compare':
      return `${pathKey(expr.attribute)} ${expr.op} ${literalKey(expr.value)}`;
    case 'in':
      return `${pathKey(expr.attribute)} ${expr.negated ? 'not in' : 'in'} ${literalSetKey(expr.values)}`;
    case 'between':
      return `${pathKey(expr.attribute)} between ${literalKey(expr.low)} and ${literalKey(expr.high)}`;
    case 'presence':
      return `${pathKey(expr.attribute)} is ${expr.missing ? 'missing' : 'present'}`;
    case 'contains': {
      const mode = expr.mode === 'one' ? '' : `${expr.mode} `;
      return `${pathKey(expr.attribute)} contains ${mode}${literalSetKey(expr.values)}`;
    }
    case 'textMatch':
      return `${pathKey(expr.attribute)} ${expr.op === 'startsWith' ? 'starts with' : 'ends with'} ${literalKey(expr.value)}`;
    case 'dateCompare':
      return `${pathKey(expr.attribute)} ${expr.op} ${literalKey(expr.value)}`;
    case 'withinLast':
      return `${pathKey(expr.attribute)} within last ${durationKey(expr.duration)}`;
    case 'ago':
      return `${pathKey(expr.attribute)} more than ${durationKey(expr.duration)} ago`;
    case 'agoBetween':
      return `${pathKey(expr.attribute)} ${agoRangeKey(expr.range)}`;
    case 'boolean':
      return `${pathKey(expr.attribute)} = true`;
    case 'segmentRef':
      return `segment ${nameKey(expr.id.text)}`;
    case 'did': {
      let key = `did ${expr.negated ? 'not ' : ''}${JSON.stringify(expr.event.text)}`;
      if (expr.where) key += ` where ${conditionKey(expr.where)}`;
      const count = expr.count ?? { op: 'atLeast', n: 1 };
      key += ` ${count.op} ${count.n}`;
      const w = expr.window;
      if (w) key += ` ${windowKey(w)}`;
      return key;
    }
    case 'firstLast': {
      let key = `${expr.which} did ${JSON.stringify(expr.event.text)}`;
      if (expr.where) key += ` where ${conditionKey(expr.where)}`;
      return expr.window ? `${key} ${windowKey(expr.window)}` : key;
    }
    case 'aggregate': {
      let key = `${expr.fn} of ${JSON.stringify(expr.event.text)}.${pathKey(expr.property)}`;
      if (expr.where) key += ` where ${conditionKey(expr.where)}`;
      if (expr.window) key += ` ${windowKey(expr.window)}`;
      const c = expr.comparison;
      // Number literals by their text: `0.30` and `0.3` compare alike, `1e21` and its double may not.
      if (c?.kind === 'compare') key += ` ${c.op} ${c.value.raw}`;
      else if (c) key += ` between ${c.low.raw} and ${c.high.raw}`;
      return key;
    }
    case 'sequence': {
      const stepKey = (ref: EventRef) => `${JSON.stringify(ref.event.text)}${ref.where ? ` where ${conditionKey(ref.where)}` : ''}`;
      let key = `did ${expr.negated ? 'not ' : ''}${stepKey(expr.first)}`;
      if (expr.first.window) key += ` ${windowKey(expr.first.window)}`;
      for (const step of expr.steps) {
        // Gaps by their length in seconds: `2 hours` and `120 minutes` share a key.
        const gap = step.gap ? (exactSeconds(step.gap) ?? `${step.gap.amount} ${step.gap.unit}`) : '?';
        key += ` then did ${step.negated ? 'not ' : ''}${stepKey(step)} within ${gap}s`;
        if (step.same) key += ` with same ${pathKey(step.same)}`;
      }
      return key;
    }
    case 'error':
      return '<error>';
  }
}

function windowKey(w: EventWindow): string {
  switch (w.kind) {
    case 'withinLast':
      return `within last ${durationKey(w.duration)}`;
    case 'since':
      return `since ${literalKey(w.date)}`;
    case 'between':
      return `between ${literalKey(w.from)} and ${literalKey(w.to)}`;
    case 'agoBetween':
      return agoRangeKey(w.range);
    case 'moreThanAgo':
      return `more than ${durationKey(w.duration)} ago`;
  }
}

/** The two ends as durations, so `between 1 and 2 weeks ago` and `between 7 and 14 days ago` share a key. */
function agoRangeKey(range: AgoRange): string {
  const { low, high, unit } = range;
  if (low.kind !== 'number' || high.kind !== 'number') return `between ${literalKey(low)} and ${literalKey(high)} ${unit} ago`;
  return `between ${durationKey({ amount: low.value, unit })} and ${durationKey({ amount: high.value, unit })} ago`;
}

function flatten(kind: 'and' | 'or', operands: Expr[]): Expr[] {
  const out: Expr[] = [];
  for (const operand of operands) {
    let e = operand;
    while (e.kind === 'group') e = e.inner;
    if (e.kind === kind) out.push(...flatten(kind, e.operands));
    else out.push(e);
  }
  return out;
}

function nameKey(text: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text) ? text : '`' + text.replace(/`/g, '``') + '`';
}

/** Columns are looked up by the joined path text, so that is the identity. */
function pathKey(path: Path): string {
  return nameKey(path.text);
}

function literalKey(lit: Literal): string {
  switch (lit.kind) {
    case 'number':
      return String(lit.value);
    case 'string':
      return JSON.stringify(lit.value);
    case 'boolean':
      return lit.value ? 'true' : 'false';
    case 'date':
    case 'datetime':
      return lit.value;
  }
}

function literalSetKey(values: Literal[]): string {
  return '(' + [...new Set(values.map(literalKey))].sort().join(', ') + ')';
}

function durationKey(d: Pick<Duration, 'amount' | 'unit'>): string {
  switch (d.unit) {
    case 'minute':
      return `${d.amount} minute`;
    case 'hour':
      return `${d.amount * 60} minute`;
    case 'day':
      return `${d.amount} day`;
    case 'week':
      return `${d.amount * 7} day`;
    case 'month':
      return `${d.amount} month`;
    case 'year':
      return `${d.amount * 12} month`;
  }
}
