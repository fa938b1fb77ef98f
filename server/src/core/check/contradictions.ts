// Conditions joined by `and` that can never hold together: `age > 50 and age < 30`,
// `city = "Oslo" and city = "Bergen"`, `x is missing and x > 3` (every test on a
// missing value is false, docs/language.md#missing-values).
//
// A warning, not an error: such a definition is legal and runs (it simply matches
// nobody), and errors are kept for definitions that are wrong or cannot
// run. It is almost always a mistake, so it is still reported, on the later
// condition, with the earlier one as related information.
//
// Only conditions that are certainly all required are compared: the operands of
// one `and` chain, with parentheses flattened, never across `or` or under `not`
// (each `or` operand and each `not` operand is a chain of its own). Relative
// windows (`within last`, `more than … ago`) are compared with each other using
// the widest length a month or year can have, so a warning is only given when
// no `asOf` could make both true.
import { isAttributeCondition, type Duration, type Expr } from '../syntax/ast';
import { inWholeDays } from '../syntax/durations';
import type { ValueType } from '../base/value-type';
import { addToDomain, newDomain, textOrderTest, type Domain, type ValueConstraint } from './domains';
import type { NameScope, Reporter } from './context';
import { describeCondition } from './describe';
import { inCode } from './format-name';
import { isRecovered, kindsForType, literalDay } from './literals';
import { conditionLiterals, operatorApplies, type AttributeCondition } from './types';

interface Constraint {
  missing: boolean;
  value?: ValueConstraint;
}

/** Fewest and most days a duration can span, whatever `asOf` is. */
function durationDays(d: Pick<Duration, 'amount' | 'unit'>): { min: number; max: number } {
  switch (d.unit) {
    case 'minute':
    case 'hour': {
      const days = inWholeDays(d).amount;
      return { min: days, max: days };
    }
    case 'day':
      return { min: d.amount, max: d.amount };
    case 'week':
      return { min: 7 * d.amount, max: 7 * d.amount };
    case 'month':
      return { min: 28 * d.amount, max: 31 * d.amount };
    case 'year':
      return { min: 365 * d.amount, max: 366 * d.amount };
  }
}

function numericCompare(axis: 'number' | 'date' | 'boolean', op: string, x: number): ValueConstraint {
  switch (op) {
    case '=':
      return { axis, only: [x] };
    case '!=':
      return { axis, excluded: [x] };
    case '<':
      return { axis, hi: x, hiOpen: true };
    case '<=':
      return { axis, hi: x };
    case '>':
      return { axis, lo: x, loOpen: true };
    default:
      return { axis, lo: x };
  }
}

/** What the condition demands of its attribute; undefined when nothing certain can be said. */
function constraintOf(cond: AttributeCondition, type: ValueType | undefined): Constraint | undefined {
  if (cond.kind === 'presence') return { missing: cond.missing };
  if (type !== undefined && !operatorApplies(cond, type)) return undefined;
  const literals = conditionLiterals(cond);
  if (literals.some(isRecovered)) return undefined;
  if (type !== undefined && !literals.every((l) => kindsForType(type).includes(l.kind))) return undefined;
  return { missing: false, value: valueConstraintOf(cond, type) };
}

function valueConstraintOf(cond: AttributeCondition, type: ValueType | undefined): ValueConstraint | undefined {
  switch (cond.kind) {
    case 'boolean':
      return { axis: 'boolean', only: [1] };
    case 'compare': {
      const lit = cond.value;
      switch (lit.kind) {
        case 'number':
          return numericCompare('number', cond.op, lit.value);
        case 'boolean':
          return numericCompare('boolean', cond.op, lit.value ? 1 : 0);
        case 'date':
        case 'datetime': {
          const day = literalDay(lit);
          return day === undefined ? undefined : numericCompare('date', cond.op, day);
        }
        case 'string':
          if (cond.op === '=') return { axis: 'string', only: [lit.value] };
          if (cond.op === '!=') return { axis: 'string', excluded: [lit.value] };
          return { axis: 'string', test: textOrderTest(cond.op, lit.value) };
      }
      return undefined;
    }
    case 'in': {
      if (cond.values.every((v) => v.kind === 'number')) {
        const values = cond.values.map((v) => v.value as number);
        return cond.negated ? { axis: 'number', excluded: values } : { axis: 'number', only: values };
      }
      if (cond.values.every((v) => v.kind === 'string')) {
        const values = cond.values.map((v) => v.value as string);
        return cond.negated ? { axis: 'string', excluded: values } : { axis: 'string', only: values };
      }
      return undefined;
    }
    case 'between': {
      const { low, high } = cond;
      if (low.kind === 'number' && high.kind === 'number') return { axis: 'number', lo: low.value, hi: high.value };
      const from = literalDay(low);
      const to = literalDay(high);
      return from !== undefined && to !== undefined ? { axis: 'date', lo: from, hi: to } : undefined;
    }
    case 'contains': {
      // Substring on text; on a list (or an attribute of unknown type) only presence is certain.
      const lit = cond.values[0];
      if (type !== 'string' || cond.mode !== 'one' || lit?.kind !== 'string') return undefined;
      const needle = lit.value;
      return { axis: 'string', test: (v) => v.includes(needle) };
    }
    case 'textMatch': {
      if (cond.value.kind !== 'string') return undefined;
      const affix = cond.value.value;
      return { axis: 'string', test: cond.op === 'startsWith' ? (v) => v.startsWith(affix) : (v) => v.endsWith(affix) };
    }
    case 'dateCompare': {
      const day = literalDay(cond.value);
      if (day === undefined) return undefined;
      return cond.op === 'before' ? { axis: 'date', hi: day, hiOpen: true } : { axis: 'date', lo: day, loOpen: true };
    }
    case 'withinLast':
      // Days relative to asOf: asOf − duration ≤ a ≤ asOf, as wide as the duration can be.
      return { axis: 'relative', lo: -durationDays(cond.duration).max, hi: 0 };
    case 'ago':
      // a < asOf − duration, as wide as the duration can be.
      return { axis: 'relative', hi: -durationDays(cond.duration).min, hiOpen: true };
    case 'agoBetween': {
      // asOf − M ≤ a ≤ asOf − N, as wide as the durations can be.
      const { low, high, unit } = cond.range;
      if (low.kind !== 'number' || high.kind !== 'number') return undefined;
      return {
        axis: 'relative',
        lo: -durationDays({ amount: high.value, unit }).max,
        hi: -durationDays({ amount: low.value, unit }).min,
      };
    }
    case 'presence':
      return undefined;
  }
}

/** Conditions quoted in one message; the related information lists them all. */
const MAX_OTHERS_SHOWN = 3;

interface Seen {
  cond: AttributeCondition;
  constraint: Constraint;
}

interface AttributeState {
  firstMissing?: AttributeCondition;
  firstPresent?: AttributeCondition;
  domains: Map<string, Domain>;
  /** The conditions each domain was narrowed by, to name the culprit of a contradiction. */
  narrowedBy: Map<string, Seen[]>;
}


/**
 * Checks one chain of `and`-ed conditions (already flattened) for conditions on
 * the same attribute that cannot hold together.
 */
export function checkChain(conditions: Expr[], scope: NameScope, r: Reporter): void {
  // Most chains test each attribute once: only attributes tested twice or more can contradict.
  const repeated = repeatedAttributes(conditions);
  if (repeated.size === 0) return;
  const states = new Map<string, AttributeState>();
  for (const cond of conditions) {
    if (!isAttributeCondition(cond) || !repeated.has(cond.attribute.text)) continue;
    let type: ValueType | undefined;
    if (scope.fields) {
      const field = scope.fields.get(cond.attribute.text);
      // An unknown name is reported already; its conditions prove nothing.
      if (!field) continue;
      type = field.type;
    }
    const constraint = constraintOf(cond, type);
    if (!constraint) continue;
    let state = states.get(cond.attribute.text);
    if (!state) {
      state = { domains: new Map(), narrowedBy: new Map() };
      states.set(cond.attribute.text, state);
    }
    if (constraint.missing) {
      const other = state.firstPresent;
      if (other) {
        report(cond, [other], presenceReason(cond, other), r);
        continue;
      }
      state.firstMissing ??= cond;
      continue;
    }
    if (state.firstMissing) {
      report(cond, [state.firstMissing], presenceReason(cond, state.firstMissing), r);
      continue;
    }
    const value = constraint.value;
    if (!value) {
      state.firstPresent ??= cond;
      continue;
    }
    let domain = state.domains.get(value.axis);
    let before = state.narrowedBy.get(value.axis);
    if (!domain || !before) {
      domain = newDomain(value.axis);
      before = [];
      state.domains.set(value.axis, domain);
      state.narrowedBy.set(value.axis, before);
    }
    if (!addToDomain(domain, value)) {
      // Empty on its own (`between 40 and 20`) is empty-range's to report.
      if (before.length === 0) continue;
      const culprit = before.find((s) => {
        const pair = newDomain(value.axis);
        return addToDomain(pair, s.constraint.value!) && !addToDomain(pair, value);
      });
      const others = culprit ? [culprit.cond] : before.map((s) => s.cond);
      const name = cond.attribute.text;
      report(cond, others, `no value of \`${name}\` satisfies ${others.length === 1 ? 'both' : 'them all'}`, r);
      continue;
    }
    before.push({ cond, constraint });
    state.firstPresent ??= cond;
  }
}

function repeatedAttributes(conditions: Expr[]): Set<string> {
  const once = new Set<string>();
  const twice = new Set<string>();
  for (const cond of conditions) {
    if (!isAttributeCondition(cond) || cond.attribute.text === '') continue;
    const name = cond.attribute.text;
    if (once.has(name)) twice.add(name);
    else once.add(name);
  }
  return twice;
}

function presenceReason(a: AttributeCondition, b: AttributeCondition): string {
  if (a.kind === 'presence' && b.kind === 'presence') return 'a value cannot be missing and present at once';
  return 'every test on a missing value is false';
}

function report(cond: AttributeCondition, others: AttributeCondition[], reason: string, r: Reporter): void {
  const shown = others.slice(0, MAX_OTHERS_SHOWN).map((o) => inCode(describeCondition(o)));
  if (others.length > MAX_OTHERS_SHOWN) shown.push(`${others.length - MAX_OTHERS_SHOWN} more`);
  const list = shown.join(' and ');
  r.report('never-true', cond.span, `${inCode(describeCondition(cond))} can never be true together with ${list}: ${reason}`, {
    related: others.map((o) => ({ file: r.file, span: o.span, message: `${inCode(describeCondition(o))} is here` })),
  });
}
