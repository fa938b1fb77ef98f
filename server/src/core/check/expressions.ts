// Walks the `include` / `exclude` expression of a segment once, running the
// per-condition checks (names, types, values, ranges) where each condition
// stands, and handing every `and` chain to the contradiction check. Names
// inside `did … where (…)` are looked up among that event's properties.
import { eventRefsOf, type DidExpr, type EventRef, type EventWindow, type Expr } from '../syntax/ast';
import { checkCalendarDuration, checkSequence } from './sequences';
import type { Catalog } from '../sample/catalog-types';
import type { NameScope, Reporter } from './context';
import { checkAggregate } from './aggregates';
import { checkChain } from './contradictions';
import { describeCondition } from './describe';
import { inCode } from './format-name';
import { resolveEvent, resolveField, isUsablePath } from './names';
import { checkBetween } from './ranges';
import { checkConditionTypes, checkWindowTypes, type AttributeCondition } from './types';
import { checkValues } from './values';

export interface ExpressionContext {
  catalog: Catalog | undefined;
  reporter: Reporter;
}

/** Checks an expression that starts a chain of its own (a property's, an `or` operand, a `not` operand, a `where`). */
export function checkExpression(expr: Expr, scope: NameScope, ctx: ExpressionContext): void {
  const chain: Expr[] = [];
  gather(expr, chain, scope, ctx);
  if (chain.length > 1) checkChain(chain, scope, ctx.reporter);
}

function gather(expr: Expr, chain: Expr[], scope: NameScope, ctx: ExpressionContext): void {
  switch (expr.kind) {
    case 'group':
      gather(expr.inner, chain, scope, ctx);
      return;
    case 'and':
      for (const operand of expr.operands) gather(operand, chain, scope, ctx);
      return;
    case 'or':
      for (const operand of expr.operands) checkExpression(operand, scope, ctx);
      return;
    case 'not':
      checkExpression(expr.operand, scope, ctx);
      return;
    case 'did':
      checkDid(expr, ctx);
      return;
    case 'firstLast':
      checkEventRef(expr, ctx);
      checkWindow(expr.window, ctx.reporter);
      return;
    case 'aggregate':
      checkAggregate(expr, checkEventRef(expr, ctx), ctx.reporter);
      checkWindow(expr.window, ctx.reporter);
      return;
    case 'sequence': {
      const scopes = eventRefsOf(expr).map((ref) => checkEventRef(ref, ctx));
      checkWindow(expr.first.window, ctx.reporter);
      checkSequence(expr, scopes, ctx.reporter);
      return;
    }
    case 'segmentRef':
      if (scope.kind === 'event' && expr.id.text !== '') {
        ctx.reporter.report(
          'segment-in-event-filter',
          expr.span,
          `${inCode(describeCondition(expr))} cannot be used inside \`did … where (…)\`, which tests the properties of each \`${scope.eventName}\` event; move it out of the \`did\``,
        );
      }
      return;
    case 'error':
      return;
    default:
      checkCondition(expr, scope, ctx.reporter);
      chain.push(expr);
  }
}

function checkDid(did: DidExpr, ctx: ExpressionContext): void {
  checkEventRef(did, ctx);
  checkWindow(did.window, ctx.reporter);
}

/** The event's name, and its filter in the scope of the event's properties; returns that scope. */
function checkEventRef(ref: EventRef, ctx: ExpressionContext): NameScope {
  const scope = resolveEvent(ref, ctx.catalog, ctx.reporter);
  if (ref.where) checkExpression(ref.where, scope, ctx);
  return scope;
}

/** An event window: dates where it takes dates, whole days, ranges the right way round. */
function checkWindow(window: EventWindow | undefined, r: Reporter): void {
  checkWindowTypes(window, r);
  if (window?.kind === 'withinLast') checkCalendarDuration(window.duration, 'within last', r);
  if (window?.kind === 'moreThanAgo') checkCalendarDuration(window.duration, 'more than … ago', r);
  if (window?.kind === 'agoBetween') checkCalendarDuration({ amount: 1, unit: window.range.unit, span: window.range.unitSpan }, 'between … ago', r);
  if (window?.kind === 'between') checkBetween(window.from, window.to, r);
  if (window?.kind === 'agoBetween') checkBetween(window.range.low, window.range.high, r);
}

function checkCondition(cond: AttributeCondition, scope: NameScope, r: Reporter): void {
  if (!isUsablePath(cond.attribute)) return;
  const known = scope.fields !== undefined;
  const field = resolveField(cond.attribute, scope, r);
  // An unknown name is reported once; guessing its type would only add noise.
  if (known && !field) return;
  const { applicable, fitting } = checkConditionTypes(cond, field, r);
  if (!applicable) return;
  if (field) checkValues(cond, field, fitting, r);
  if (cond.kind === 'between' && (!field || fitting.length === 2)) checkBetween(cond.low, cond.high, r);
  if (cond.kind === 'agoBetween') {
    checkBetween(cond.range.low, cond.range.high, r);
    checkCalendarDuration({ amount: 1, unit: cond.range.unit, span: cond.range.unitSpan }, 'between … ago', r);
  }
  if (cond.kind === 'withinLast') checkCalendarDuration(cond.duration, 'within last', r);
  if (cond.kind === 'ago') checkCalendarDuration(cond.duration, 'more than … ago', r);
}
