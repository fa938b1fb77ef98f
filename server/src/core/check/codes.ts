// Every diagnostic code the checker produces, with its severity and a one-line
// description, for the docs' list of codes and for SARIF rules. A test checks
// the checker emits nothing outside this list and always with this severity.
//
// Severity (docs/language.md#diagnostics): an error makes a definition wrong or unrunnable, a
// warning is legal but suspicious.
import type { Severity } from '../base/diagnostics';

export interface CheckCodeInfo {
  code: CheckCode;
  severity: Severity;
  description: string;
}

export type CheckCode =
  | 'unknown-attribute'
  | 'unknown-event'
  | 'unknown-event-property'
  | 'unknown-segment'
  | 'type-mismatch'
  | 'value-not-allowed'
  | 'value-never-seen'
  | 'empty-range'
  | 'duration-unit'
  | 'never-true'
  | 'duplicate-segment'
  | 'reference-cycle'
  | 'missing-include'
  | 'duplicate-property'
  | 'deprecated-attribute'
  | 'segment-in-event-filter';

export const CHECK_DIAGNOSTIC_CODES: readonly CheckCodeInfo[] = [
  { code: 'unknown-attribute', severity: 'error', description: 'An attribute that neither the schema nor the sample has; offers the closest name.' },
  { code: 'unknown-event', severity: 'error', description: 'A `did` event that neither the schema nor the events sample has; offers the closest name.' },
  { code: 'unknown-event-property', severity: 'error', description: 'A name inside `did … where (…)` that is not a property of that event; offers the closest property.' },
  { code: 'unknown-segment', severity: 'error', description: '`segment ID` names no segment of the project; offers the closest id.' },
  { code: 'type-mismatch', severity: 'error', description: 'An operator that does not apply to the attribute\'s type (`before` on a number), or a value of the wrong kind (`age = "30"`); offers the converted value.' },
  { code: 'value-not-allowed', severity: 'error', description: 'A value outside the schema\'s `values` for that attribute; offers the closest allowed value (`"oslo"` → `"Oslo"`).' },
  { code: 'value-never-seen', severity: 'warning', description: 'A value that never appears in the sample for that attribute; real data may still hold it. Offers the closest seen value.' },
  { code: 'empty-range', severity: 'error', description: 'A `between` whose low end is above its high end, so it matches nothing; offers to swap the ends.' },
  { code: 'duration-unit', severity: 'error', description: 'A unit that does not fit where it stands: months or years between the steps of a sequence (no fixed length; offers days), minutes or hours in a calendar window (offers days when they make whole days).' },
  { code: 'never-true', severity: 'warning', description: 'Conditions joined by `and` that can never hold together (`age > 50 and age < 30`, `x is missing and x > 3`).' },
  { code: 'duplicate-segment', severity: 'error', description: 'Two segments of the project share an id; ids are unique across every file of the project.' },
  { code: 'reference-cycle', severity: 'error', description: 'Segments that refer to each other in a cycle (`a -> b -> a`), or a segment that refers to itself.' },
  { code: 'missing-include', severity: 'error', description: 'A segment without `include`, which says who is in it.' },
  { code: 'duplicate-property', severity: 'error', description: 'A property given twice in one segment (two `title`s, two `include`s).' },
  { code: 'deprecated-attribute', severity: 'warning', description: 'An attribute or event property the schema marks as deprecated, with the schema\'s hint; offers the replacement when the hint names one.' },
  { code: 'segment-in-event-filter', severity: 'error', description: '`segment ID` inside `did … where (…)`, where names refer to the event\'s own properties.' },
];

const SEVERITY_BY_CODE = new Map(CHECK_DIAGNOSTIC_CODES.map((c) => [c.code, c.severity]));

export function severityOf(code: CheckCode): Severity {
  return SEVERITY_BY_CODE.get(code) ?? 'error';
}
