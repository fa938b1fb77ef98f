// Every diagnostic code reading a sample or events file produces, for the docs and SARIF rules.
import type { DiagnosticCodeInfo } from '../base/diagnostic-code-info';

export const SAMPLE_DIAGNOSTIC_CODES: readonly DiagnosticCodeInfo[] = [
  { code: 'sample-file-not-found', severity: 'error', description: 'The profiles or events file does not exist.' },
  { code: 'sample-file-unreadable', severity: 'error', description: 'The file exists but could not be read.' },
  { code: 'sample-file-empty', severity: 'error', description: 'The file holds no header and no rows.' },
  { code: 'sample-no-header', severity: 'error', description: 'The CSV has no header row naming the columns.' },
  { code: 'sample-missing-id-column', severity: 'error', description: 'The id column (`idColumn`, default `user_id`) is not among the columns; the message lists those that are.' },
  { code: 'sample-duplicate-id', severity: 'error', description: 'Two profiles share an id; the message names both lines.' },
  { code: 'sample-missing-id', severity: 'warning', description: 'A profile row with an empty id; it is skipped.' },
  { code: 'sample-ragged-row', severity: 'warning', description: 'A row with more or fewer fields than the header; missing cells count as missing, extra ones are ignored.' },
  { code: 'sample-bad-value', severity: 'warning', description: 'A value that does not fit its column\'s type (`abc` in a number column); it counts as missing.' },
  { code: 'sample-bad-json-line', severity: 'warning', description: 'A JSON Lines row that is not a JSON object; it is skipped.' },
  { code: 'sample-unclosed-quote', severity: 'warning', description: 'A quoted CSV field that never closes.' },
  { code: 'sample-record-too-long', severity: 'warning', description: 'A record too long to be a real row (usually a stray quote); it is skipped.' },
  { code: 'sample-unnamed-column', severity: 'warning', description: 'A header cell with no name; the column is ignored.' },
  { code: 'sample-duplicate-column', severity: 'warning', description: 'Two columns with the same name; the first is used.' },
  { code: 'sample-column-read-as-text', severity: 'info', description: 'A column first taken for numbers, booleans or dates held other values later, so it is read as text.' },
  { code: 'events-missing-column', severity: 'error', description: 'The events file lacks the id column, `event` or `timestamp`.' },
  { code: 'events-missing-id', severity: 'warning', description: 'An event row with an empty id; it is skipped.' },
  { code: 'events-missing-name', severity: 'warning', description: 'An event row with an empty `event`; it is skipped.' },
  { code: 'events-bad-timestamp', severity: 'warning', description: 'An event whose `timestamp` is not an ISO date or date-time; it is skipped.' },
  { code: 'events-unknown-profile', severity: 'info', description: 'Events whose id matches no profile in the sample; they are not counted.' },
];
