// Exact audience sizes on the sample store. Every condition becomes a bitset
// over the profile rows; `and`/`or`/`not` combine them word by word; segment
// members are `include and not exclude` (docs/language.md#segments). Results of single conditions
// (attribute tests and `did`) are cached by (data version, asOf, canonical text
// of the condition), so re-evaluating a segment after one condition was edited
// scans the data for that condition only.
import type { EventRef, Expr, SegmentDecl } from '../syntax/ast';
import type { Span } from '../base/span';
import { eventRefsOf, topLevelConditions, unwrapGroups } from '../syntax/ast';
import type { SampleStore } from '../sample/store';
import { textsAt } from '../sample/packed-texts';
import {
  andBits,
  andNotBits,
  bitsetToIndices,
  countBits,
  emptyBitset,
  notBits,
  orBits,
  type Bitset,
} from '../base/bitset';
import { ConditionCache, DEFAULT_CACHE_BYTES } from './condition-cache';
import { conditionKey } from './condition-key';
import { evaluateAttributeCondition } from './column-conditions';
import { evaluateDid, eventColumns } from './event-conditions';
import { evaluateFirstLast } from './first-last';
import { evaluateAggregate } from './aggregates';
import { evaluateSequence } from './sequences';

export interface EvaluatorOptions {
  /** The day relative windows count back from: days since 1970-01-01 (UTC). */
  asOfDay: number;
  /** Budget for cached condition results; defaults to 64 MB. */
  cacheBytes?: number;
}

/** Every segment of the project by id, so `segment ID` can reach any file. */
export type SegmentsById = ReadonlyMap<string, SegmentDecl>;

export interface FunnelStep {
  /** The top-level include condition, or the whole `exclude …` property. */
  span: Span;
  kind: 'include' | 'exclude';
  /** Profiles left after this step and all steps before it. */
  remaining: number;
  /** Profiles for which this condition (for the exclude: its expression) holds by itself, in the whole sample. */
  matching: number;
  /**
   * When the condition (or the exclude) is an `or` of alternatives: for each
   * one, how many of the profiles reaching this step it holds for. They may
   * overlap, so they need not add up to the step.
   */
  branches?: FunnelBranch[];
}

export interface FunnelBranch {
  span: Span;
  matching: number;
}

export interface CountOptions {
  /**
   * Top-level include conditions (and the exclude's expression) to leave out,
   * as the very objects of the AST: a segment being edited is counted without
   * its broken conditions (workspace/partial-size.ts decides which).
   */
  leaveOut?: ReadonlySet<Expr>;
}

export interface SegmentCount {
  count: number;
  /** Profiles in the sample. */
  total: number;
  funnel: FunnelStep[];
}

export interface EvaluatorStats {
  /** Conditions computed from the data (cache misses). */
  computedConditions: number;
  /** Conditions answered from the cache. */
  cachedConditions: number;
  /** `did … where (…)` filters computed over the events (cache misses). */
  computedWhereFilters: number;
}

/** State of one top-level request: the segments being expanded, for cycle detection. */
interface Run {
  segmentsById: SegmentsById;
  inProgress: Set<string>;
  /** Members of referenced segments already computed in this request (only cycle-free ones). */
  memo: Map<string, Bitset>;
  cyclesHit: number;
}

export class Evaluator {
  private store: SampleStore;
  private asOfDay: number;
  private readonly cache: ConditionCache;
  readonly stats: EvaluatorStats = { computedConditions: 0, cachedConditions: 0, computedWhereFilters: 0 };

  constructor(store: SampleStore, options: EvaluatorOptions) {
    this.store = store;
    this.asOfDay = options.asOfDay;
    this.cache = new ConditionCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
  }

  get total(): number {
    return this.store.profiles.count;
  }

  /** Switches to reloaded data. A different store object empties the cache; a new version alone makes its entries unreachable. */
  setStore(store: SampleStore): void {
    if (store !== this.store) this.cache.clear();
    this.store = store;
  }

  setAsOfDay(asOfDay: number): void {
    this.asOfDay = asOfDay;
  }

  /** The segment's size, and how many profiles remain after each top-level include condition and the exclude. */
  countSegment(decl: SegmentDecl, segmentsById: SegmentsById, options: CountOptions = {}): SegmentCount {
    const run = this.newRun(decl, segmentsById);
    const total = this.total;
    const funnel: FunnelStep[] = [];
    const leaveOut = options.leaveOut;
    const include = propertyExpr(decl, 'include');
    if (!include) return { count: 0, total, funnel };
    let remaining: Bitset | undefined;
    for (const condition of topLevelConditions(include.expr)) {
      if (leaveOut?.has(condition)) continue;
      const bits = this.evaluate(condition, run);
      const branches = this.branches(condition, remaining, run);
      remaining = remaining ? andBits(remaining, bits) : bits;
      funnel.push(withBranches({ span: condition.span, kind: 'include', remaining: countBits(remaining), matching: countBits(bits) }, branches));
    }
    let members = remaining ?? emptyBitset(total);
    const exclude = propertyExpr(decl, 'exclude');
    if (exclude && !leaveOut?.has(exclude.expr)) {
      const excluded = this.evaluate(exclude.expr, run);
      const branches = this.branches(exclude.expr, members, run);
      members = andNotBits(members, excluded);
      funnel.push(withBranches({ span: exclude.span, kind: 'exclude', remaining: countBits(members), matching: countBits(excluded) }, branches));
    }
    return { count: countBits(members), total, funnel };
  }

  /** For an `or` condition: how many of `reaching` (everyone when undefined) each alternative holds for. */
  private branches(condition: Expr, reaching: Bitset | undefined, run: Run): FunnelBranch[] | undefined {
    const e = unwrapGroups(condition);
    if (e.kind !== 'or') return undefined;
    return e.operands.map((alternative) => {
      const bits = this.evaluate(alternative, run);
      return { span: alternative.span, matching: countBits(reaching ? andBits(reaching, bits) : bits) };
    });
  }

  /** The members as a bitset over profile rows (bit i = row i of the profile table). The caller may modify it. */
  members(decl: SegmentDecl, segmentsById: SegmentsById, options: CountOptions = {}): Bitset {
    return this.declMembers(decl, this.newRun(decl, segmentsById), options.leaveOut).slice();
  }

  /** Row numbers of the members, ascending. */
  memberRows(decl: SegmentDecl, segmentsById: SegmentsById): Uint32Array {
    return bitsetToIndices(this.declMembers(decl, this.newRun(decl, segmentsById)));
  }

  /** Profile ids of the members, in file order. */
  memberIds(decl: SegmentDecl, segmentsById: SegmentsById): string[] {
    return textsAt(this.store.profiles.ids, this.memberRows(decl, segmentsById));
  }

  /** Profiles for which one expression holds (for per-condition counts in hovers). The caller may modify the result. */
  conditionMembers(expr: Expr, segmentsById: SegmentsById): Bitset {
    return this.evaluate(expr, this.newRun(undefined, segmentsById)).slice();
  }

  private newRun(decl: SegmentDecl | undefined, segmentsById: SegmentsById): Run {
    const inProgress = new Set<string>();
    if (decl?.id) inProgress.add(decl.id.text);
    return { segmentsById, inProgress, memo: new Map(), cyclesHit: 0 };
  }

  /** include and not exclude; a segment without include has no members. Result may be shared: do not modify. */
  private declMembers(decl: SegmentDecl, run: Run, leaveOut?: ReadonlySet<Expr>): Bitset {
    const include = propertyExpr(decl, 'include');
    if (!include) return emptyBitset(this.total);
    let included: Bitset;
    if (leaveOut && leaveOut.size > 0) {
      const kept = topLevelConditions(include.expr).filter((c) => !leaveOut.has(c));
      included = kept.length === 0 ? emptyBitset(this.total) : combine(kept.map((c) => this.evaluate(c, run)), andBits, this.total);
    } else {
      included = this.evaluate(include.expr, run);
    }
    const exclude = propertyExpr(decl, 'exclude');
    return exclude && !leaveOut?.has(exclude.expr) ? andNotBits(included, this.evaluate(exclude.expr, run)) : included;
  }

  /** Result may be a cached bitset: never modify it. */
  private evaluate(expr: Expr, run: Run): Bitset {
    const size = this.total;
    switch (expr.kind) {
      case 'group':
        return this.evaluate(expr.inner, run);
      case 'and':
        return combine(expr.operands.map((e) => this.evaluate(e, run)), andBits, size);
      case 'or':
        return combine(expr.operands.map((e) => this.evaluate(e, run)), orBits, size);
      case 'not':
        return notBits(this.evaluate(expr.operand, run), size);
      case 'error':
        return emptyBitset(size);
      case 'segmentRef':
        return this.segmentRefMembers(expr.id.text, run);
      case 'did': {
        // Cached without the `not`, so flipping `did` to `did not` reuses the scan.
        const positive = expr.negated ? { ...expr, negated: false } : expr;
        const bits = this.cached(positive, () => evaluateDid(positive, this.store.events, size, this.asOfDay, this.whereOf(positive)));
        return expr.negated ? notBits(bits, size) : bits;
      }
      case 'firstLast':
        return this.cached(expr, () => evaluateFirstLast(expr, this.store.events, size, this.asOfDay, this.whereOf(expr)));
      case 'aggregate':
        return this.cached(expr, () => evaluateAggregate(expr, this.store.events, size, this.asOfDay, this.whereOf(expr)));
      case 'sequence': {
        // Cached without the `did not` in front, as `did` is.
        const positive = expr.negated ? { ...expr, negated: false } : expr;
        const bits = this.cached(positive, () =>
          evaluateSequence(positive, this.store.events, size, this.asOfDay, eventRefsOf(positive).map((ref) => this.whereOf(ref))),
        );
        return expr.negated ? notBits(bits, size) : bits;
      }
      default:
        return this.cached(expr, () =>
          evaluateAttributeCondition(expr, this.store.profiles.columns.get(expr.attribute.text), size, this.asOfDay),
        );
    }
  }

  /**
   * Membership of another segment. An unknown id matches nobody. A reference back
   * to a segment that is still being expanded is a cycle (the checker reports it
   * as an error); it matches nobody here, so evaluation always ends.
   */
  private segmentRefMembers(id: string, run: Run): Bitset {
    const decl = run.segmentsById.get(id);
    if (!decl) return emptyBitset(this.total);
    if (run.inProgress.has(id)) {
      run.cyclesHit++;
      return emptyBitset(this.total);
    }
    const memo = run.memo.get(id);
    if (memo) return memo;
    const cyclesBefore = run.cyclesHit;
    run.inProgress.add(id);
    const bits = this.declMembers(decl, run);
    run.inProgress.delete(id);
    // A result cut short by a cycle depends on where the expansion started: not reusable.
    if (run.cyclesHit === cyclesBefore) run.memo.set(id, bits);
    return bits;
  }

  /** A where-filter: names are event properties; `did` and `segment` mean nothing there and match no event. */
  private evaluateOnEvents(expr: Expr): Bitset {
    const events = this.store.events!;
    const size = events.count;
    switch (expr.kind) {
      case 'group':
        return this.evaluateOnEvents(expr.inner);
      case 'and':
        return combine(expr.operands.map((e) => this.evaluateOnEvents(e)), andBits, size);
      case 'or':
        return combine(expr.operands.map((e) => this.evaluateOnEvents(e)), orBits, size);
      case 'not':
        return notBits(this.evaluateOnEvents(expr.operand), size);
      case 'error':
      case 'segmentRef':
      case 'did':
      case 'firstLast':
      case 'aggregate':
      case 'sequence':
        return emptyBitset(size);
      default:
        return evaluateAttributeCondition(expr, eventColumns(events).get(expr.attribute.text), size, this.asOfDay);
    }
  }

  /** The events passing a behaviour condition's filter; undefined when it has none (or there are no events). */
  private whereOf(ref: EventRef): Bitset | undefined {
    return ref.where && this.store.events ? this.whereFilter(ref.where) : undefined;
  }

  /**
   * The events passing a where-filter, cached apart from the `did` around it, so
   * that editing the count or window of a `did` does not re-filter the events.
   */
  private whereFilter(where: Expr): Bitset {
    const key = `${this.store.version}\u0000${this.asOfDay}\u0000where ${conditionKey(where)}`;
    let bits = this.cache.get(key);
    if (!bits) {
      bits = this.evaluateOnEvents(where);
      this.stats.computedWhereFilters++;
      this.cache.set(key, bits);
    }
    return bits;
  }

  private cached(expr: Expr, compute: () => Bitset): Bitset {
    const key = `${this.store.version}\u0000${this.asOfDay}\u0000${conditionKey(expr)}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.stats.cachedConditions++;
      return hit;
    }
    const bits = compute();
    this.stats.computedConditions++;
    this.cache.set(key, bits);
    return bits;
  }
}

function withBranches(step: FunnelStep, branches: FunnelBranch[] | undefined): FunnelStep {
  return branches ? { ...step, branches } : step;
}

/** and/or over the operands' results; a malformed tree without operands matches nobody rather than throwing. */
function combine(parts: Bitset[], op: (a: Bitset, b: Bitset) => Bitset, size: number): Bitset {
  return parts.length === 0 ? emptyBitset(size) : parts.reduce(op);
}

function propertyExpr(decl: SegmentDecl, kind: 'include' | 'exclude'): { expr: Expr; span: Span } | undefined {
  for (const p of decl.properties) if (p.kind === kind) return { expr: p.expr, span: p.span };
  return undefined;
}
