// Values against what is known about an attribute: the schema's allowed
// `values` (outside them is an error) and, without those, the values seen in the
// sample (never seen is only a warning: real data may hold it). Only values
// tested for equality or membership are checked; a `starts with` prefix or a
// `<` bound is not a value the attribute must hold.
import type { Literal } from '../syntax/ast';
import type { FieldInfo } from '../sample/catalog-types';
import { replaceFix, type Reporter } from './context';
import { inCode } from './format-name';
import { valueAsSource } from './literals';
import { closestName, differsOnlyInCase } from '../text/did-you-mean';
import type { AttributeCondition } from './types';

const MAX_LISTED_VALUES = 10;

/** The literals of a condition that name values of the attribute. */
function testedValues(cond: AttributeCondition, field: FieldInfo, fitting: Literal[]): Literal[] {
  switch (cond.kind) {
    case 'compare':
      return (cond.op === '=' || cond.op === '!=') && field.type !== 'boolean' && field.type !== 'date' ? fitting : [];
    case 'in':
      return fitting;
    case 'contains':
      return field.type === 'list' ? fitting : [];
    default:
      return [];
  }
}

const allowedSets = new WeakMap<FieldInfo, Set<string>>();
const seenSets = new WeakMap<FieldInfo, Set<string>>();

function allowedSet(field: FieldInfo): Set<string> {
  let set = allowedSets.get(field);
  if (!set) {
    // Numbers compare by value: `values: [1]` allows `1.0`.
    const items = field.allowedValues ?? [];
    set = new Set(field.type === 'number' ? items.map((v) => String(Number(v))) : items);
    allowedSets.set(field, set);
  }
  return set;
}

function seenSet(field: FieldInfo): Set<string> {
  let set = seenSets.get(field);
  if (!set) {
    set = new Set((field.stats?.values ?? []).map((v) => v.value));
    seenSets.set(field, set);
  }
  return set;
}

function listInWords(values: readonly string[], field: FieldInfo): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map((v) => inCode(valueAsSource(v, field.type)));
  const rest = values.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export function checkValues(cond: AttributeCondition, field: FieldInfo, fitting: Literal[], r: Reporter): void {
  const values = testedValues(cond, field, fitting);
  if (values.length === 0) return;
  const name = cond.attribute.text;
  const allowed = field.allowedValues && field.allowedValues.length > 0 ? field.allowedValues : undefined;
  const stats = field.stats;
  const seen = !allowed && (field.type === 'string' || field.type === 'list') && stats?.values && !stats.valuesCapped ? stats.values : undefined;
  if (!allowed && !seen) return;
  for (const lit of values) {
    const text = String(lit.value);
    if (allowed) {
      if (allowedSet(field).has(text)) continue;
      const shown = inCode(valueAsSource(text, field.type));
      const suggestion = field.type === 'number' ? undefined : closestName(text, allowed);
      const tail = suggestion !== undefined ? didYouMean(text, suggestion, field) : `; the schema allows ${listInWords(allowed, field)}`;
      r.report('value-not-allowed', lit.span, `${shown} is not an allowed value of \`${name}\`${tail}`, { fixes: valueFix(lit, suggestion, field) });
    } else if (seen) {
      if (seenSet(field).has(text)) continue;
      const shown = inCode(valueAsSource(text, field.type));
      const suggestion = closestName(text, seen.map((v) => v.value));
      const tail = suggestion !== undefined ? didYouMean(text, suggestion, field) : ', though real data may hold it';
      r.report('value-never-seen', lit.span, `${shown} never appears in \`${name}\` in the sample${tail}`, { fixes: valueFix(lit, suggestion, field) });
    }
  }
}

function didYouMean(text: string, suggestion: string, field: FieldInfo): string {
  const caseHint = differsOnlyInCase(text, suggestion) ? ' Values are case-sensitive.' : '';
  return `; did you mean ${inCode(valueAsSource(suggestion, field.type))}?${caseHint}`;
}

function valueFix(lit: Literal, suggestion: string | undefined, field: FieldInfo) {
  if (suggestion === undefined) return [];
  const newText = valueAsSource(suggestion, field.type);
  return [replaceFix(`Change to ${inCode(newText)}`, lit.span, newText)];
}
