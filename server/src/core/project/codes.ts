// Every diagnostic code the project files (segments.config.json, schema.json)
// can produce, for the docs' list of codes. A test checks the loaders emit
// nothing outside this list.
import type { DiagnosticCodeInfo } from '../base/diagnostic-code-info';

export const PROJECT_DIAGNOSTIC_CODES: readonly DiagnosticCodeInfo[] = [
  { code: 'config-unreadable', severity: 'error', description: '`segments.config.json` could not be read (missing, a folder, or no permission).' },
  { code: 'config-syntax', severity: 'error', description: '`segments.config.json` is not valid JSON (comments and trailing commas are not allowed).' },
  { code: 'config-too-deep', severity: 'error', description: 'Objects or arrays in `segments.config.json` are nested more than 64 levels deep; the file is not read further.' },
  { code: 'config-not-object', severity: 'error', description: 'The top level of `segments.config.json` is not an object `{ … }`.' },
  { code: 'config-duplicate-key', severity: 'error', description: 'A key is given twice in `segments.config.json`; the first one is used.' },
  { code: 'config-unknown-key', severity: 'error', description: 'A key `segments.config.json` does not know, usually a typo; offers the closest key.' },
  { code: 'config-wrong-type', severity: 'error', description: 'A value of the wrong JSON type, such as a number for `sample` or a string for `population`.' },
  { code: 'config-invalid-value', severity: 'error', description: 'A value of the right type that is not allowed: an empty path, an `asOf` that is not a real YYYY-MM-DD date, a `population` that is not a whole number above 0.' },
  { code: 'config-missing-file', severity: 'error', description: 'The file named by `sample`, `events` or `schema` does not exist, or is not a regular file (a folder, a named pipe, a device, a symlink loop).' },
  { code: 'schema-unreadable', severity: 'error', description: 'The schema file could not be read.' },
  { code: 'schema-syntax', severity: 'error', description: 'The schema file is not valid JSON.' },
  { code: 'schema-too-deep', severity: 'error', description: 'Objects or arrays in the schema file are nested more than 64 levels deep; the file is not read further.' },
  { code: 'schema-not-object', severity: 'error', description: 'The top level of the schema file, `attributes`, `events`, an event\'s `properties` or a declaration is not an object.' },
  { code: 'schema-duplicate-key', severity: 'error', description: 'A key or a declared name is given twice in the same object; the first one is used.' },
  { code: 'schema-unknown-key', severity: 'error', description: 'A key the schema file does not know, usually a typo; offers the closest key.' },
  { code: 'schema-wrong-type', severity: 'error', description: 'A value of the wrong JSON type, such as a number for `description` or a string for `values`.' },
  { code: 'schema-empty-name', severity: 'error', description: 'An attribute, event or property declared with an empty name `""`.' },
  { code: 'schema-missing-type', severity: 'error', description: 'An attribute or event property without `type`; it is ignored and its type is inferred from the sample.' },
  { code: 'schema-unknown-type', severity: 'error', description: '`type` is not one of number, string, boolean, date or list.' },
  { code: 'schema-values-not-allowed', severity: 'error', description: '`values` on a boolean or date field, where allowed values do not apply.' },
  { code: 'schema-value-wrong-type', severity: 'error', description: 'An item of `values` that does not fit the field\'s type (a number for a string field, or the reverse).' },
  { code: 'schema-duplicate-value', severity: 'warning', description: 'The same item appears twice in `values`.' },
  { code: 'schema-empty-values', severity: 'warning', description: '`values` is an empty list, so no value would be allowed.' },
];
