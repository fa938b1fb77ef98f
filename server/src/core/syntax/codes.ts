// Every diagnostic code the parser produces, for the docs and SARIF rules.
import type { DiagnosticCodeInfo } from '../base/diagnostic-code-info';

export const SYNTAX_DIAGNOSTIC_CODES: readonly DiagnosticCodeInfo[] = [
  { code: 'syntax-error', severity: 'error', description: 'The text does not follow the grammar: something expected is missing or something unexpected is there; the message says what.' },
  { code: 'unknown-property', severity: 'error', description: 'A word at property position that is not title, description, owner, tags, include or exclude; offers the closest.' },
  { code: 'missing-brace', severity: 'error', description: 'A segment block without its closing `}`.' },
  { code: 'unquoted-text', severity: 'error', description: 'A bare word where a value belongs (`device = mobile`); the fix adds the quotes.' },
  { code: 'operator-spelling', severity: 'error', description: '`==` or `<>` written for `=` or `!=`; the fix rewrites it.' },
  { code: 'unexpected-character', severity: 'error', description: 'A character no word, value or operator starts with (`&`, `;`, a single quote).' },
  { code: 'unterminated-string', severity: 'error', description: 'A text value without its closing `"` on the same line.' },
  { code: 'invalid-escape', severity: 'error', description: 'A backslash escape JSON does not allow inside a text value.' },
  { code: 'unterminated-name', severity: 'error', description: 'A backticked name without its closing backtick on the same line.' },
  { code: 'invalid-date', severity: 'error', description: 'A date or date-time that is not on the calendar (`2026-02-30`).' },
  { code: 'invalid-count', severity: 'error', description: 'An event count that is not a whole number of 0 or more.' },
  { code: 'invalid-duration', severity: 'error', description: 'A duration that is not a whole number of 0 or more.' },
  { code: 'too-deeply-nested', severity: 'error', description: 'Conditions nested more than 100 levels deep.' },
];
