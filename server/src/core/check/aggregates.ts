// Aggregates over events (`sum of purchase.amount … > 5000`): the property must
// be one of the event's (did-you-mean otherwise), of a type the function can
// use — `sum`, `average`, `min` and `max` need numbers, `distinct count` single
// values of any type — and the comparison is with numbers, low end first.
import type { AggregateExpr, Literal } from '../syntax/ast';
import type { NameScope, Reporter } from './context';
import { replaceFix } from './context';
import { AGGREGATE_FUNCTION_WORDS, describePath } from './describe';
import { convertLiteral, expectedInWords, isRecovered, kindInWords, typeInWords } from './literals';
import { isUsablePath, resolveField } from './names';
import { checkBetween } from './ranges';

/** `scope` is the aggregated event's (from resolveEvent). */
export function checkAggregate(expr: AggregateExpr, scope: NameScope, r: Reporter): void {
  checkProperty(expr, scope, r);
  const comparison = expr.comparison;
  if (!comparison) return;
  const literals = comparison.kind === 'compare' ? [comparison.value] : [comparison.low, comparison.high];
  const numbers = literals.filter((lit) => checkNumber(expr, lit, r));
  if (comparison.kind === 'between' && numbers.length === 2) checkBetween(comparison.low, comparison.high, r);
}

function checkProperty(expr: AggregateExpr, scope: NameScope, r: Reporter): void {
  if (!isUsablePath(expr.property)) return;
  const field = resolveField(expr.property, scope, r);
  if (!field) return;
  const fn = AGGREGATE_FUNCTION_WORDS[expr.fn];
  const name = `${expr.event.text}.${expr.property.text}`;
  if (expr.fn === 'distinctCount') {
    if (field.type === 'list') {
      r.report('type-mismatch', expr.property.span, `\`${fn}\` counts single values, but \`${name}\` is ${typeInWords('list')}; count events that hold an item with \`did ${expr.event.text} where (${describePath(expr.property)} contains "…")\``);
    }
    return;
  }
  if (field.type !== 'number') {
    const hint = field.type === 'list' || field.type === 'boolean' ? '' : `; \`distinct count of ${name}\` counts its different values`;
    r.report('type-mismatch', expr.property.span, `\`${fn}\` needs a number property, but \`${name}\` is ${typeInWords(field.type)}${hint}`);
  }
}

/** The comparison's values are numbers; reports one that is not (with the number it stands for, as a fix). */
function checkNumber(expr: AggregateExpr, lit: Literal, r: Reporter): boolean {
  if (isRecovered(lit)) return false;
  if (lit.kind === 'number') return true;
  const converted = convertLiteral(lit, 'number');
  r.report('type-mismatch', lit.span, `the ${AGGREGATE_FUNCTION_WORDS[expr.fn]} is compared with ${expectedInWords('number')}, not ${kindInWords(lit.kind)}`, {
    fixes: converted === undefined ? [] : [replaceFix(`Change to \`${converted}\``, lit.span, converted)],
  });
  return false;
}
