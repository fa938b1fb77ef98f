// Bad input never crashes the loaders: random text, random JSON and mutated
// valid documents all give diagnostics whose spans lie inside the text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadConfig } from '../../../server/src/core/project/load-config';
import { loadSchema } from '../../../server/src/core/project/load-schema';
import { tempFolder, wellFormed } from './helpers';

const project = tempFolder({ 'data/users.csv': 'user_id\n1\n', 'schema.json': '{}' });
const configFile = join(project, 'segments.config.json');
const schemaFile = join(project, 'schema.json');

const VALID_CONFIG = `{
  "sample": "data/users.csv",
  "schema": "schema.json",
  "idColumn": "user_id",
  "asOf": "2026-11-01",
  "population": 2400000
}`;
const VALID_SCHEMA = readFileSync(resolve('samples/nordic-shop/schema.json'), 'utf8');

/** Pieces that break JSON in interesting ways. */
const TOKENS = ['{', '}', '[', ']', ',', ':', '"', "'", '\\', '\\u', 'null', 'true', 'tru', '1e', '-', '0.', '/*', '//', '\uFEFF', '\n', '\r', '\t', ' ', '"type"', '"values"', '"attributes"', '"int"', '""', '\u0000', '😀', '\ud800'];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 20 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 5 })) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.nat({ max: 8 }), text: fc.constantFrom(...TOKENS) }),
);

interface Mutation {
  kind: 'delete' | 'insert' | 'replace';
  at: number;
  length?: number;
  text?: string;
}

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    const end = Math.min(out.length, at + (m.length ?? 0));
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(end);
    else if (m.kind === 'insert') out = out.slice(0, at) + (m.text ?? '') + out.slice(at);
    else out = out.slice(0, at) + (m.text ?? '') + out.slice(end);
  }
  return out;
}

function checkConfig(text: string): void {
  const { config, diagnostics } = loadConfig(configFile, text);
  assert.equal(wellFormed(text, diagnostics), undefined, JSON.stringify(text));
  assert.equal(config.root, project);
  assert.equal(typeof config.idColumn, 'string');
}

function checkSchema(text: string): void {
  const { schema, diagnostics } = loadSchema(schemaFile, text);
  assert.equal(wellFormed(text, diagnostics), undefined, JSON.stringify(text));
  for (const field of schema?.attributes.values() ?? []) assert.ok(['number', 'string', 'boolean', 'date', 'list'].includes(field.type));
}

const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom(...TOKENS), maxLength: 40 }));

test('random text never throws (config)', () => {
  fc.assert(fc.property(anyText, checkConfig), { numRuns: 1000 });
});

test('random text never throws (schema)', () => {
  fc.assert(fc.property(anyText, checkSchema), { numRuns: 1000 });
});

test('mutated valid config never throws', () => {
  fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => checkConfig(mutate(VALID_CONFIG, ms))), { numRuns: 1000 });
});

test('mutated valid schema never throws', () => {
  fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => checkSchema(mutate(VALID_SCHEMA, ms))), { numRuns: 500 });
});

/** Documents close to the real shape, with wrong values anywhere. */
const field = fc.dictionary(
  fc.constantFrom('type', 'description', 'values', 'deprecated', 'typ', ''),
  fc.oneof(fc.constantFrom('number', 'string', 'boolean', 'date', 'list', 'int'), fc.jsonValue({ maxDepth: 2 })),
);
const names = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(field, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 4 });
const schemaDocument = fc.dictionary(
  fc.constantFrom('attributes', 'events', '$schema', 'atributes'),
  fc.oneof(names, fc.dictionary(fc.string({ maxLength: 6 }), fc.record({ description: fc.jsonValue({ maxDepth: 1 }), properties: fc.oneof(names, fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] })), fc.jsonValue({ maxDepth: 2 })),
);
const configDocument = fc.dictionary(
  fc.constantFrom('sample', 'events', 'schema', 'idColumn', 'asOf', 'population', '$schema', 'smaple'),
  fc.oneof(fc.constantFrom('data/users.csv', 'schema.json', '2026-11-01', '2026-02-30', '', 'data'), fc.jsonValue({ maxDepth: 2 })),
);

test('near-valid and random JSON documents never throw', () => {
  fc.assert(
    fc.property(schemaDocument, fc.jsonValue(), configDocument, fc.boolean(), (schemaDoc, anyValue, configDoc, pretty) => {
      const stringify = (v: unknown) => (pretty ? JSON.stringify(v, null, 2) : JSON.stringify(v)) ?? 'null';
      checkSchema(stringify(schemaDoc));
      checkSchema(stringify(anyValue));
      checkConfig(stringify(configDoc));
      checkConfig(stringify(anyValue));
    }),
    { numRuns: 1000 },
  );
});
