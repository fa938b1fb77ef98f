// Operators against attribute types (the table of docs/language.md#the-forms) and literal kinds against
// both. With a known type the message names the attribute's type; without one
// (no catalog, unknown attribute) only what the operator itself demands is
// checked (`before` always needs a date).
import type { EventWindow, Literal } from '../syntax/ast';
import type { ValueType } from '../base/value-type';
import type { FieldInfo } from '../sample/catalog-types';
import { replaceFix, type Reporter } from './context';
import { describePath } from './describe';
import { convertLiteral, expectedInWords, isRecovered, kindInWords, kindsForType, typeInWords } from './literals';

import type { AttributeCondition } from '../syntax/ast';
export type { AttributeCondition };

interface OperatorRule {
  /** The operator as the user wrote it, for messages. */
  words: string;
  types: readonly ValueType[];
  /** "applies to …" */
  appliesTo: string;
}

function operatorRule(cond: AttributeCondition): OperatorRule | undefined {
  switch (cond.kind) {
    case 'compare':
      return { words: cond.op, types: ['number', 'string', 'date', 'boolean'], appliesTo: 'numbers, text, dates and booleans' };
    case 'in':
      return { words: cond.negated ? 'not in (…)' : 'in (…)', types: ['number', 'string'], appliesTo: 'numbers and text' };
    case 'between':
      return { words: 'between', types: ['number', 'date'], appliesTo: 'numbers and dates' };
    case 'contains':
      return cond.mode === 'one'
        ? { words: 'contains', types: ['string', 'list'], appliesTo: 'text and lists' }
        : { words: `contains ${cond.mode} (…)`, types: ['list'], appliesTo: 'lists' };
    case 'textMatch':
      return { words: cond.op === 'startsWith' ? 'starts with' : 'ends with', types: ['string'], appliesTo: 'text' };
    case 'dateCompare':
      return { words: cond.op, types: ['date'], appliesTo: 'dates' };
    case 'withinLast':
      return { words: 'within last', types: ['date'], appliesTo: 'dates' };
    case 'ago':
      return { words: 'more than … ago', types: ['date'], appliesTo: 'dates' };
    case 'agoBetween':
      return { words: 'between … ago', types: ['date'], appliesTo: 'dates' };
    case 'presence':
    case 'boolean':
      return undefined;
  }
}

/** The literals of a condition, in source order. */
export function conditionLiterals(cond: AttributeCondition): Literal[] {
  switch (cond.kind) {
    case 'compare':
    case 'textMatch':
    case 'dateCompare':
      return [cond.value];
    case 'in':
    case 'contains':
      return cond.values;
    case 'between':
      return [cond.low, cond.high];
    default:
      return [];
  }
}

/** True when the operator of the condition applies to the type (a bare name only to booleans). */
export function operatorApplies(cond: AttributeCondition, type: ValueType): boolean {
  if (cond.kind === 'presence') return true;
  if (cond.kind === 'boolean') return type === 'boolean';
  return operatorRule(cond)!.types.includes(type);
}

export interface TypeCheckResult {
  /** False when the operator does not apply to the attribute's type: nothing else about the condition is checked. */
  applicable: boolean;
  /** The condition's literals whose kind fits, for the value checks. */
  fitting: Literal[];
}

/** Type checks of one attribute condition; `field` undefined when the attribute's type is not known. */
export function checkConditionTypes(cond: AttributeCondition, field: FieldInfo | undefined, r: Reporter): TypeCheckResult {
  if (!field) {
    checkOperatorLiterals(cond, r);
    return { applicable: true, fitting: [] };
  }
  const name = cond.attribute.text;
  const type = field.type;
  if (!operatorApplies(cond, type)) {
    reportOperatorMismatch(cond, field, r);
    return { applicable: false, fitting: [] };
  }
  const accepted = kindsForType(type);
  const fitting: Literal[] = [];
  for (const lit of conditionLiterals(cond)) {
    if (isRecovered(lit)) continue;
    if (accepted.includes(lit.kind)) {
      fitting.push(lit);
      continue;
    }
    const converted = convertLiteral(lit, type);
    r.report('type-mismatch', lit.span, `\`${name}\` is ${typeInWords(type)}, so the value must be ${expectedInWords(type)}, not ${kindInWords(lit.kind)}`, {
      fixes: converted === undefined ? [] : [replaceFix(`Change to \`${converted}\``, lit.span, converted)],
    });
  }
  return { applicable: true, fitting };
}

function reportOperatorMismatch(cond: AttributeCondition, field: FieldInfo, r: Reporter): void {
  const name = cond.attribute.text;
  const typeWords = typeInWords(field.type);
  if (cond.kind === 'boolean') {
    r.report('type-mismatch', cond.attribute.span, `\`${name}\` is ${typeWords}; a condition needs an operator, such as \`${exampleCondition(cond, field)}\``);
    return;
  }
  const rule = operatorRule(cond)!;
  let advice = '';
  const fixes = [];
  if (field.type === 'list') {
    if (cond.kind === 'compare' && cond.op === '=' && cond.value.kind === 'string') {
      advice = '; use `contains` to test for an item';
      fixes.push(replaceFix('Change to `contains`', cond.opSpan, 'contains'));
    } else if (cond.kind === 'in' && !cond.negated) {
      advice = '; use `contains any (…)` to test for any of several items';
    }
  } else if (field.type === 'string' && cond.kind === 'contains' && cond.mode === 'any') {
    advice = `; to test for one of several values use \`${describePath(cond.attribute)} in (…)\``;
  }
  const span = cond.kind === 'compare' ? cond.opSpan : cond.span;
  r.report('type-mismatch', span, `\`${rule.words}\` applies to ${rule.appliesTo}, but \`${name}\` is ${typeWords}${advice}`, { fixes });
}

function exampleCondition(cond: AttributeCondition, field: FieldInfo): string {
  const path = describePath(cond.attribute);
  const sampleText = field.allowedValues?.[0] ?? field.stats?.values?.[0]?.value ?? '…';
  switch (field.type) {
    case 'number':
      return `${path} > 30`;
    case 'string':
      return `${path} = ${JSON.stringify(sampleText)}`;
    case 'list':
      return `${path} contains ${JSON.stringify(sampleText)}`;
    case 'date':
      return `${path} within last 30 days`;
    case 'boolean':
      return path;
  }
}

/**
 * Without a known type, what the operator alone demands: text for `contains`,
 * `starts with` and `ends with`, dates for `before` and `after`, numbers or
 * dates for `between`, numbers or text for `in`.
 */
function checkOperatorLiterals(cond: AttributeCondition, r: Reporter): void {
  const rule = operatorRule(cond);
  if (!rule) return;
  for (const lit of conditionLiterals(cond)) {
    if (isRecovered(lit)) continue;
    switch (cond.kind) {
      case 'contains':
      case 'textMatch':
        if (lit.kind !== 'string') reportOperatorLiteral(rule, lit, 'text in double quotes', convertLiteral(lit, 'string'), r);
        break;
      case 'dateCompare':
        if (lit.kind !== 'date' && lit.kind !== 'datetime') reportOperatorLiteral(rule, lit, expectedInWords('date'), convertLiteral(lit, 'date'), r);
        break;
      case 'between':
        if (lit.kind === 'string' || lit.kind === 'boolean') {
          reportOperatorLiteral(rule, lit, 'a number or a date', convertLiteral(lit, 'number') ?? convertLiteral(lit, 'date'), r);
        }
        break;
      case 'in':
        if (lit.kind !== 'string' && lit.kind !== 'number') reportOperatorLiteral(rule, lit, 'numbers or text', convertLiteral(lit, 'string'), r);
        break;
      default:
        break;
    }
  }
}

function reportOperatorLiteral(rule: OperatorRule, lit: Literal, expected: string, converted: string | undefined, r: Reporter): void {
  r.report('type-mismatch', lit.span, `\`${rule.words}\` needs ${expected}, not ${kindInWords(lit.kind)}`, {
    fixes: converted === undefined ? [] : [replaceFix(`Change to \`${converted}\``, lit.span, converted)],
  });
}

/** `did … since D` and `did … between D and E` take dates. */
export function checkWindowTypes(window: EventWindow | undefined, r: Reporter): void {
  if (!window || (window.kind !== 'since' && window.kind !== 'between')) return;
  const words = window.kind === 'since' ? 'since' : 'between';
  const dates = window.kind === 'since' ? [window.date] : [window.from, window.to];
  for (const lit of dates) {
    if (isRecovered(lit) || lit.kind === 'date' || lit.kind === 'datetime') continue;
    const converted = convertLiteral(lit, 'date');
    r.report('type-mismatch', lit.span, `\`${words}\` needs ${expectedInWords('date')}, not ${kindInWords(lit.kind)}`, {
      fixes: converted === undefined ? [] : [replaceFix(`Change to \`${converted}\``, lit.span, converted)],
    });
  }
}
