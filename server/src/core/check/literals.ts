// Literal values as the checker sees them: which kinds fit which attribute
// types, how to name them in messages, and how to rewrite a value of the wrong
// kind into the right one (`"30"` → `30`) for a quick fix.
import type { Literal, LiteralKind } from '../syntax/ast';
import type { ValueType } from '../base/value-type';
import { parseIsoDay, parseIsoInstant } from '../base/days';

/** A literal the parser made up while recovering from a syntax error: never checked. */
export function isRecovered(lit: Literal): boolean {
  return lit.raw === '';
}

/** `age` is … a number / text / a date / a boolean / a list of text. */
export function typeInWords(type: ValueType): string {
  switch (type) {
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'a boolean';
    case 'date':
      return 'a date';
    case 'list':
      return 'a list of text';
  }
}

export function kindInWords(kind: LiteralKind): string {
  switch (kind) {
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'a boolean';
    case 'date':
      return 'a date';
    case 'datetime':
      return 'a date-time';
  }
}

/** The literal kinds a value compared with an attribute of this type may have. */
export function kindsForType(type: ValueType): readonly LiteralKind[] {
  switch (type) {
    case 'number':
      return ['number'];
    case 'string':
    case 'list':
      return ['string'];
    case 'boolean':
      return ['boolean'];
    case 'date':
      return ['date', 'datetime'];
  }
}

/** What a value must look like, to finish "so the value must be …". */
export function expectedInWords(type: ValueType): string {
  switch (type) {
    case 'number':
      return 'a number';
    case 'string':
    case 'list':
      return 'text in double quotes';
    case 'boolean':
      return '`true` or `false`';
    case 'date':
      return 'a date such as `2026-01-31`';
  }
}

const NUMBER_TEXT = /^-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
// The same shape the lexer reads as a date-time literal.
const DATETIME_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The literal rewritten as a value of the given type, when the intent is plain:
 * `"30"` → `30`, `30` → `"30"`, `"2026-01-01"` → `2026-01-01`, `"true"` → `true`.
 * Undefined when there is no obvious rewrite (`"thirty"` for a number).
 */
export function convertLiteral(lit: Literal, type: ValueType): string | undefined {
  switch (type) {
    case 'number': {
      if (lit.kind !== 'string') return undefined;
      const text = lit.value.trim();
      return NUMBER_TEXT.test(text) && Number.isFinite(Number(text)) ? text : undefined;
    }
    case 'string':
    case 'list':
      return lit.kind === 'string' ? undefined : JSON.stringify(lit.raw);
    case 'boolean': {
      if (lit.kind !== 'string') return undefined;
      const text = lit.value.trim().toLowerCase();
      return text === 'true' || text === 'false' ? text : undefined;
    }
    case 'date': {
      if (lit.kind !== 'string') return undefined;
      const text = lit.value.trim();
      if (DATE_TEXT.test(text)) return parseIsoDay(text) !== undefined ? text : undefined;
      if (DATETIME_TEXT.test(text)) return parseIsoInstant(text) !== undefined ? text : undefined;
      return undefined;
    }
  }
}

/** The UTC day number of a date or date-time literal (how the evaluator compares dates). */
export function literalDay(lit: Literal): number | undefined {
  return lit.kind === 'date' || lit.kind === 'datetime' ? parseIsoDay(lit.value) : undefined;
}

/** A value as it would be written in the source: `"Oslo"`, `30`. */
export function valueAsSource(value: string, type: ValueType): string {
  return type === 'number' ? value : JSON.stringify(value);
}
