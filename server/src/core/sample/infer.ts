// Type inference for columns the schema does not declare. The first rows of the
// file (SNIFF_ROWS) pick a type; every later value is checked against it while
// the file loads, and a column with a value that does not fit is read again as
// text (table-read.ts), so the type is the one every row allows, wherever the
// odd value sits. The rules, in order:
//   CSV text:  every non-empty value `true`/`false` (any case) -> boolean;
//              every one a decimal number -> number (unless some has a leading
//              zero, like `0150`: codes, zip and phone numbers stay text);
//              every one an ISO date or date-time -> date;
//              some value holds `;` -> list; else string.
//   JSON:      only numbers -> number; only booleans -> boolean; arrays (with
//              or without plain strings) -> list; only strings that are ISO
//              dates -> date; anything else (mixed kinds) -> string.
// A column with no value at all in the sniffed rows is a string.
import type { ValueType } from '../base/value-type';
import type { JsonCell } from './jsonl';
import {
  hasLeadingZeroBytes,
  isBlankBytes,
  parseBooleanBytes,
  parseInstantBytes,
  parseInstantText,
  parseNumberBytes,
} from './parse-value';

/** Rows read to decide the type of an undeclared column. */
export const SNIFF_ROWS = 20_000;


const SEMICOLON = 59;

export class TypeEvidence {
  nonEmpty = 0;
  private canBeBoolean = true;
  private canBeNumber = true;
  private canBeDate = true;
  private sawSemicolon = false;
  // JSON kinds seen.
  private numbers = 0;
  private booleans = 0;
  private arrays = 0;
  private strings = 0;
  private dateStrings = 0;

  /** Notes one CSV cell. */
  observeBytes(b: Buffer, start: number, end: number): void {
    if (start === end || isBlankBytes(b, start, end)) return;
    this.nonEmpty++;
    if (this.canBeBoolean && parseBooleanBytes(b, start, end) < 0) this.canBeBoolean = false;
    if (this.canBeNumber) {
      const v = parseNumberBytes(b, start, end);
      if (v !== v || hasLeadingZeroBytes(b, start, end)) this.canBeNumber = false;
    }
    if (this.canBeDate) {
      const t = parseInstantBytes(b, start, end);
      if (t !== t) this.canBeDate = false;
    }
    if (!this.sawSemicolon) {
      const at = b.indexOf(SEMICOLON, start);
      if (at >= 0 && at < end) this.sawSemicolon = true;
    }
  }

  /** Notes one (flattened) JSON value. */
  observeJson(value: JsonCell): void {
    if (value === '') return;
    this.nonEmpty++;
    if (typeof value === 'number') this.numbers++;
    else if (typeof value === 'boolean') this.booleans++;
    else if (Array.isArray(value)) this.arrays++;
    else {
      this.strings++;
      const t = parseInstantText(value);
      if (t === t) this.dateStrings++;
    }
  }

  /** The inferred type; CSV and JSON evidence are not mixed for one column. */
  decide(): ValueType {
    if (this.nonEmpty === 0) return 'string';
    const jsonKinds = this.numbers + this.booleans + this.arrays + this.strings;
    if (jsonKinds > 0) {
      if (this.numbers === jsonKinds) return 'number';
      if (this.booleans === jsonKinds) return 'boolean';
      if (this.arrays > 0 && this.arrays + this.strings === jsonKinds) return 'list';
      if (this.dateStrings === jsonKinds) return 'date';
      return 'string';
    }
    if (this.canBeBoolean) return 'boolean';
    if (this.canBeNumber) return 'number';
    if (this.canBeDate) return 'date';
    if (this.sawSemicolon) return 'list';
    return 'string';
  }
}

/** The type of one JSON value on its own (a column first seen after the sniffed rows). */
export function inferJsonValueType(value: JsonCell): ValueType {
  const evidence = new TypeEvidence();
  evidence.observeJson(value);
  return evidence.decide();
}

/** True when an inferred column's later cells contradict its type: it is reloaded as text. */
export function shouldRetypeAsString(badCount: number): boolean {
  return badCount > 0;
}
