// PROJECT_DIAGNOSTIC_CODES is what the docs list: it must match what the
// loaders really produce, code and severity.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from '../../../server/src/core/base/diagnostics';
import { PROJECT_DIAGNOSTIC_CODES } from '../../../server/src/core/project/codes';
import { loadConfig } from '../../../server/src/core/project/load-config';
import { loadSchema } from '../../../server/src/core/project/load-schema';
import { tempFolder } from './helpers';

const project = tempFolder({ 'data/users.csv': 'user_id\n1\n' });
const config = (text?: string) => loadConfig(join(project, text === undefined ? 'missing.json' : 'segments.config.json'), text).diagnostics;
const schema = (text?: string) => loadSchema(join(project, text === undefined ? 'missing.json' : 'schema.json'), text).diagnostics;

/** One input that produces each code. */
const EXAMPLES: Record<string, () => Diagnostic[]> = {
  'config-unreadable': () => config(),
  'config-syntax': () => config('{'),
  'config-not-object': () => config('[]'),
  'config-too-deep': () => config('['.repeat(65)),
  'config-duplicate-key': () => config('{ "idColumn": "a", "idColumn": "b" }'),
  'config-unknown-key': () => config('{ "smaple": "x" }'),
  'config-wrong-type': () => config('{ "population": "many" }'),
  'config-invalid-value': () => config('{ "asOf": "tomorrow" }'),
  'config-missing-file': () => config('{ "sample": "data/nope.csv" }'),
  'schema-unreadable': () => schema(),
  'schema-syntax': () => schema('{ "attributes": }'),
  'schema-not-object': () => schema('{ "attributes": [] }'),
  'schema-too-deep': () => schema(`{ "attributes": ${'{"a":'.repeat(64)}1${'}'.repeat(64)} }`),
  'schema-duplicate-key': () => schema('{ "events": {}, "events": {} }'),
  'schema-unknown-key': () => schema('{ "attribute": {} }'),
  'schema-wrong-type': () => schema('{ "attributes": { "a": { "type": "number", "description": 1 } } }'),
  'schema-empty-name': () => schema('{ "attributes": { "": { "type": "number" } } }'),
  'schema-missing-type': () => schema('{ "attributes": { "a": {} } }'),
  'schema-unknown-type': () => schema('{ "attributes": { "a": { "type": "int" } } }'),
  'schema-values-not-allowed': () => schema('{ "attributes": { "a": { "type": "date", "values": [] } } }'),
  'schema-value-wrong-type': () => schema('{ "attributes": { "a": { "type": "number", "values": ["x"] } } }'),
  'schema-duplicate-value': () => schema('{ "attributes": { "a": { "type": "string", "values": ["x", "x"] } } }'),
  'schema-empty-values': () => schema('{ "attributes": { "a": { "type": "string", "values": [] } } }'),
};

test('codes are unique, kebab-case and described in one line', () => {
  const codes = PROJECT_DIAGNOSTIC_CODES.map((c) => c.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const info of PROJECT_DIAGNOSTIC_CODES) {
    assert.match(info.code, /^(config|schema)-[a-z]+(-[a-z]+)*$/);
    assert.ok(info.description.length > 10 && !info.description.includes('\n'), info.code);
  }
});

test('every listed code is produced, with the listed severity, by its example', () => {
  assert.deepEqual(Object.keys(EXAMPLES).sort(), PROJECT_DIAGNOSTIC_CODES.map((c) => c.code).sort());
  for (const info of PROJECT_DIAGNOSTIC_CODES) {
    const produced = EXAMPLES[info.code]();
    assert.deepEqual(
      produced.map((d) => [d.code, d.severity]),
      [[info.code, info.severity]],
      `${info.code}: ${produced.map((d) => d.message).join(' | ')}`,
    );
  }
});
