// The JSON schemas the extension contributes for completion and validation in
// the editor (schemas/*.json) must accept what the loaders accept and reject
// what they reject, and describe every key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { CONFIG_KEYS, loadConfig } from '../../../server/src/core/project/load-config';
import { EVENT_KEYS, FIELD_KEYS, loadSchema, SCHEMA_TOP_KEYS, VALUE_TYPES } from '../../../server/src/core/project/load-schema';
import { tempFolder } from './helpers';

// Tests run from the repository root (scripts/run-tests.mjs).
const CONFIG_SCHEMA = JSON.parse(readFileSync(resolve('schemas/segments.config.schema.json'), 'utf8'));
const SCHEMA_SCHEMA = JSON.parse(readFileSync(resolve('schemas/segments.schema.schema.json'), 'utf8'));
const DEMO = resolve('samples/nordic-shop');

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
// VS Code's own keyword: the message its JSON editor shows when a pattern fails.
ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
const validateConfig = ajv.compile(CONFIG_SCHEMA);
const validateSchema = ajv.compile(SCHEMA_SCHEMA);

const project = tempFolder({ 'data/users.csv': 'user_id\n1\n', 'data/events.csv': 'user_id,event,timestamp\n', 'schema.json': '{}' });

function loaderAcceptsConfig(doc: unknown): boolean {
  const { diagnostics } = loadConfig(join(project, 'segments.config.json'), JSON.stringify(doc));
  return diagnostics.every((d) => d.severity !== 'error');
}

function loaderAcceptsSchema(doc: unknown): boolean {
  const { diagnostics } = loadSchema(join(project, 'schema.json'), JSON.stringify(doc));
  return diagnostics.every((d) => d.severity !== 'error');
}

const DOCUMENTED_SCHEMA = {
  attributes: {
    age: { type: 'number', description: 'Age in years' },
    device: { type: 'string', values: ['mobile', 'desktop', 'tablet'] },
    interests: { type: 'list', values: ['sport', 'travel', 'fashion'] },
    old_score: { type: 'number', deprecated: 'use engagement_score' },
  },
  events: {
    purchase: { description: 'Completed order', properties: { amount: { type: 'number' } } },
  },
};

const CONFIG_DOCS: { name: string; doc: unknown; valid: boolean }[] = [
  { name: 'no keys', doc: {}, valid: true },
  {
    name: 'every key',
    doc: { $schema: 'x', sample: 'data/users.csv', events: 'data/events.csv', schema: 'schema.json', idColumn: 'user_id', asOf: '2026-11-01', population: 2400000 },
    valid: true,
  },
  { name: 'population 1', doc: { population: 1 }, valid: true },
  { name: 'misspelt key', doc: { smaple: 'data/users.csv' }, valid: false },
  { name: 'population 0', doc: { population: 0 }, valid: false },
  { name: 'population 2.5', doc: { population: 2.5 }, valid: false },
  { name: 'population as a string', doc: { population: '5' }, valid: false },
  { name: 'asOf month 13', doc: { asOf: '2026-13-01' }, valid: false },
  { name: 'asOf with a time', doc: { asOf: '2026-11-01T00:00:00Z' }, valid: false },
  { name: 'asOf as a number', doc: { asOf: 20261101 }, valid: false },
  { name: 'empty sample', doc: { sample: '' }, valid: false },
  { name: 'empty idColumn', doc: { idColumn: '' }, valid: false },
  { name: 'null schema', doc: { schema: null }, valid: false },
  { name: 'array', doc: [], valid: false },
  { name: 'string', doc: 'data/users.csv', valid: false },
];

const SCHEMA_DOCS: { name: string; doc: unknown; valid: boolean }[] = [
  { name: 'the documented example', doc: DOCUMENTED_SCHEMA, valid: true },
  { name: 'empty', doc: {}, valid: true },
  { name: 'empty sections', doc: { attributes: {}, events: { login: {} } }, valid: true },
  { name: 'deprecated true and false', doc: { attributes: { a: { type: 'date', deprecated: true }, b: { type: 'boolean', deprecated: false } } }, valid: true },
  { name: 'number values', doc: { attributes: { tier: { type: 'number', values: [1, 2] } } }, valid: true },
  { name: 'empty values (only a warning)', doc: { attributes: { d: { type: 'string', values: [] } } }, valid: true },
  { name: '$schema', doc: { $schema: 'x' }, valid: true },
  { name: 'type int', doc: { attributes: { age: { type: 'int' } } }, valid: false },
  { name: 'missing type', doc: { attributes: { age: { description: 'x' } } }, valid: false },
  { name: 'unknown field key', doc: { attributes: { age: { type: 'number', unit: 'y' } } }, valid: false },
  { name: 'unknown top key', doc: { atributes: {} }, valid: false },
  { name: 'values on a boolean', doc: { attributes: { vip: { type: 'boolean', values: [true] } } }, valid: false },
  { name: 'values on a date', doc: { attributes: { born: { type: 'date', values: ['2000-01-01'] } } }, valid: false },
  { name: 'number in string values', doc: { attributes: { zip: { type: 'string', values: [5003] } } }, valid: false },
  { name: 'number in list values', doc: { attributes: { tags: { type: 'list', values: [1] } } }, valid: false },
  { name: 'string in number values', doc: { attributes: { tier: { type: 'number', values: ['2'] } } }, valid: false },
  { name: 'null in values', doc: { attributes: { d: { type: 'string', values: [null] } } }, valid: false },
  { name: 'event with a type', doc: { events: { purchase: { type: 'number' } } }, valid: false },
  { name: 'attributes as an array', doc: { attributes: [] }, valid: false },
  { name: 'empty attribute name', doc: { attributes: { '': { type: 'number' } } }, valid: false },
  { name: 'empty event name', doc: { events: { '': {} } }, valid: false },
  { name: 'description as a number', doc: { attributes: { a: { type: 'number', description: 1 } } }, valid: false },
  { name: 'deprecated as a number', doc: { attributes: { a: { type: 'number', deprecated: 1 } } }, valid: false },
  { name: 'event property without type', doc: { events: { p: { properties: { amount: {} } } } }, valid: false },
  { name: 'bare type string', doc: { attributes: { age: 'number' } }, valid: false },
  { name: 'array', doc: [], valid: false },
];

describe('schemas/segments.config.schema.json', () => {
  for (const c of CONFIG_DOCS) {
    test(`${c.valid ? 'accepts' : 'rejects'} ${c.name}, as the loader does`, () => {
      assert.equal(validateConfig(c.doc), c.valid, JSON.stringify(validateConfig.errors));
      assert.equal(loaderAcceptsConfig(c.doc), c.valid);
    });
  }

  test('lists exactly the keys the loader knows, each with a description', () => {
    assert.deepEqual(Object.keys(CONFIG_SCHEMA.properties), ['$schema', ...CONFIG_KEYS]);
    assert.deepEqual(undescribed(CONFIG_SCHEMA), []);
  });
});

describe('schemas/segments.schema.schema.json', () => {
  for (const c of SCHEMA_DOCS) {
    test(`${c.valid ? 'accepts' : 'rejects'} ${c.name}, as the loader does`, () => {
      assert.equal(validateSchema(c.doc), c.valid, JSON.stringify(validateSchema.errors));
      assert.equal(loaderAcceptsSchema(c.doc), c.valid);
    });
  }

  test('lists exactly the keys and types the loader knows, each with a description', () => {
    assert.deepEqual(Object.keys(SCHEMA_SCHEMA.properties), ['$schema', ...SCHEMA_TOP_KEYS]);
    assert.deepEqual(Object.keys(SCHEMA_SCHEMA.definitions.field.properties), [...FIELD_KEYS]);
    assert.deepEqual(SCHEMA_SCHEMA.definitions.field.properties.type.enum, [...VALUE_TYPES]);
    assert.deepEqual(Object.keys(SCHEMA_SCHEMA.definitions.event.properties), [...EVENT_KEYS]);
    assert.deepEqual(undescribed(SCHEMA_SCHEMA), []);
  });
});

describe('the demo project (samples/nordic-shop)', () => {
  test('segments.config.json is valid for the JSON schema and the loader', () => {
    const configFile = join(DEMO, 'segments.config.json');
    const text = readFileSync(configFile, 'utf8');
    assert.equal(validateConfig(JSON.parse(text)), true, JSON.stringify(validateConfig.errors));
    const { config, diagnostics } = loadConfig(configFile, text);
    assert.deepEqual(diagnostics, []);
    assert.equal(config.schema, join(DEMO, 'schema.json'));
  });

  test('schema.json is valid for the JSON schema and the loader', () => {
    const schemaFile = join(DEMO, 'schema.json');
    const text = readFileSync(schemaFile, 'utf8');
    assert.equal(validateSchema(JSON.parse(text)), true, JSON.stringify(validateSchema.errors));
    const { schema, diagnostics } = loadSchema(schemaFile, text);
    assert.deepEqual(diagnostics, []);
    assert.ok((schema?.attributes.size ?? 0) > 0);
  });
});

/** Paths of the property schemas (at any depth) that have no description. */
function undescribed(schema: unknown, path = '#'): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Record<string, unknown>;
  const missing: string[] = [];
  for (const [key, sub] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
    const where = `${path}/properties/${key}`;
    if (typeof sub.description !== 'string' || sub.description.length === 0) missing.push(where);
    missing.push(...undescribed(sub, where));
  }
  for (const [key, sub] of Object.entries((node.definitions ?? {}) as Record<string, unknown>)) {
    missing.push(...undescribed(sub, `${path}/definitions/${key}`));
  }
  if (typeof node.additionalProperties === 'object') missing.push(...undescribed(node.additionalProperties, `${path}/additionalProperties`));
  if (typeof node.items === 'object') missing.push(...undescribed(node.items, `${path}/items`));
  return missing;
}
