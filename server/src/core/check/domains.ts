// The values an attribute can still take after some `and`-ed conditions, kept
// just precisely enough to prove that none is left: an interval (with a finite
// set of allowed values and a set of excluded ones) for numbers, days and
// booleans; an allowed set, excluded values and text tests for strings.
// `tryAdd` only narrows when something is left, so one contradiction does not
// make every later condition look contradictory too.
import { compareCodePoints } from '../base/text-order';

export interface NumericConstraint {
  axis: 'number' | 'date' | 'relative' | 'boolean';
  lo?: number;
  loOpen?: boolean;
  hi?: number;
  hiOpen?: boolean;
  only?: number[];
  excluded?: number[];
}

export interface TextConstraint {
  axis: 'string';
  only?: string[];
  excluded?: string[];
  test?: (value: string) => boolean;
}

export type ValueConstraint = NumericConstraint | TextConstraint;

/** Whole numbers small enough to list one by one when deciding emptiness. */
const MAX_ENUMERATED = 1000;

export class NumericDomain {
  private lo = -Infinity;
  private loOpen = false;
  private hi = Infinity;
  private hiOpen = false;
  private only: Set<number> | undefined;
  private readonly excluded = new Set<number>();
  /** Days and booleans take whole values only: `> 3` means `>= 4`. */
  private readonly integer: boolean;

  constructor(axis: NumericConstraint['axis']) {
    this.integer = axis !== 'number';
    if (axis === 'boolean') {
      this.lo = 0;
      this.hi = 1;
    }
  }

  /** Narrows by the constraint unless that leaves no value; returns false (unchanged) then. */
  tryAdd(c: NumericConstraint): boolean {
    let { lo, loOpen, hi, hiOpen } = this;
    if (c.lo !== undefined && (c.lo > lo || (c.lo === lo && c.loOpen))) {
      lo = c.lo;
      loOpen = c.loOpen === true;
    }
    if (c.hi !== undefined && (c.hi < hi || (c.hi === hi && c.hiOpen))) {
      hi = c.hi;
      hiOpen = c.hiOpen === true;
    }
    if (this.integer) {
      if (loOpen) [lo, loOpen] = [Math.floor(lo) + 1, false];
      else lo = Math.ceil(lo);
      if (hiOpen) [hi, hiOpen] = [Math.ceil(hi) - 1, false];
      else hi = Math.floor(hi);
    }
    const only = c.only ? c.only.filter((v) => this.only === undefined || this.only.has(v)) : this.only;
    const extra = c.excluded ?? [];
    const excluded = (v: number) => this.excluded.has(v) || extra.includes(v);
    const inRange = (v: number) =>
      (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi) && (!this.integer || Number.isInteger(v));
    if (isEmpty()) return false;
    this.lo = lo;
    this.loOpen = loOpen;
    this.hi = hi;
    this.hiOpen = hiOpen;
    this.only = only === undefined ? undefined : new Set(only);
    for (const v of extra) this.excluded.add(v);
    return true;

    function isEmpty(): boolean {
      if (only !== undefined) {
        for (const v of only) if (inRange(v) && !excluded(v)) return false;
        return true;
      }
      if (lo > hi || (lo === hi && (loOpen || hiOpen))) return true;
      if (lo === hi) return excluded(lo);
      if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo <= MAX_ENUMERATED && Number.isInteger(lo)) {
        // Whole values: empty when every one of them is excluded.
        for (let v = lo; v <= hi; v++) if (!excluded(v)) return false;
        return true;
      }
      return false;
    }
  }
}

export class TextDomain {
  private only: Set<string> | undefined;
  private readonly excluded = new Set<string>();
  private readonly tests: ((value: string) => boolean)[] = [];

  tryAdd(c: TextConstraint): boolean {
    const only = c.only ? c.only.filter((v) => this.only === undefined || this.only.has(v)) : this.only;
    if (only !== undefined) {
      const extra = c.excluded ?? [];
      const tests = c.test ? [...this.tests, c.test] : this.tests;
      let left = false;
      for (const v of only) {
        if (!this.excluded.has(v) && !extra.includes(v) && tests.every((t) => t(v))) {
          left = true;
          break;
        }
      }
      if (!left) return false;
    }
    // Without a finite set, text is never proven empty: there is always another string.
    this.only = only === undefined ? undefined : new Set(only);
    for (const v of c.excluded ?? []) this.excluded.add(v);
    if (c.test) this.tests.push(c.test);
    return true;
  }
}

export type Domain = NumericDomain | TextDomain;

export function newDomain(axis: ValueConstraint['axis']): Domain {
  return axis === 'string' ? new TextDomain() : new NumericDomain(axis);
}

export function addToDomain(domain: Domain, c: ValueConstraint): boolean {
  if (domain instanceof TextDomain) return c.axis === 'string' ? domain.tryAdd(c) : true;
  return c.axis !== 'string' ? domain.tryAdd(c) : true;
}

/** `s < "x"` and friends on text, in the evaluator's order (Unicode code points). */
export function textOrderTest(op: '<' | '<=' | '>' | '>=', bound: string): (value: string) => boolean {
  switch (op) {
    case '<':
      return (v) => compareCodePoints(v, bound) < 0;
    case '<=':
      return (v) => compareCodePoints(v, bound) <= 0;
    case '>':
      return (v) => compareCodePoints(v, bound) > 0;
    case '>=':
      return (v) => compareCodePoints(v, bound) >= 0;
  }
}
