import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadSchema } from '../../../server/src/core/project/load-schema';
import { applyFirstFix, shown, tempFolder, wellFormed } from './helpers';

const schemaFile = '/project/schema.json';

function load(text: string) {
  return loadSchema(schemaFile, text);
}

/** The schema example of docs/language.md. */
const DOCUMENTED_EXAMPLE = `{
  "attributes": {
    "age":       { "type": "number", "description": "Age in years" },
    "device":    { "type": "string", "values": ["mobile", "desktop", "tablet"] },
    "interests": { "type": "list", "values": ["sport", "travel", "fashion"] },
    "old_score": { "type": "number", "deprecated": "use engagement_score" }
  },
  "events": {
    "purchase": { "description": "Completed order",
                  "properties": { "amount": { "type": "number" } } }
  }
}`;

describe('loadSchema: valid files', () => {
  test('the documented example', () => {
    const { schema, diagnostics } = load(DOCUMENTED_EXAMPLE);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(schema, {
      attributes: new Map([
        ['age', { type: 'number', description: 'Age in years' }],
        ['device', { type: 'string', values: ['mobile', 'desktop', 'tablet'] }],
        ['interests', { type: 'list', values: ['sport', 'travel', 'fashion'] }],
        ['old_score', { type: 'number', deprecated: 'use engagement_score' }],
      ]),
      events: new Map([
        ['purchase', { description: 'Completed order', properties: new Map([['amount', { type: 'number' }]]) }],
      ]),
    });
  });

  test('deprecated: true is deprecated without a hint, false is not deprecated', () => {
    const { schema, diagnostics } = load(
      '{ "attributes": { "a": { "type": "date", "deprecated": true }, "b": { "type": "boolean", "deprecated": false } } }',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(schema?.attributes.get('a'), { type: 'date', deprecated: '' });
    assert.deepEqual(schema?.attributes.get('b'), { type: 'boolean' });
  });

  test('pii: true marks personal data (masked in the insight panel); false or absent does not; anything else is an error', () => {
    const { schema, diagnostics } = load(
      '{ "attributes": { "email": { "type": "string", "pii": true }, "age": { "type": "number", "pii": false } } }',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(schema?.attributes.get('email'), { type: 'string', pii: true });
    assert.deepEqual(schema?.attributes.get('age'), { type: 'number' });
    const wrong = load('{ "attributes": { "email": { "type": "string", "pii": "yes" } } }');
    assert.deepEqual(wrong.diagnostics.map((d) => [d.code, d.message]), [['schema-wrong-type', '`pii` must be true or false, not a string']]);
  });

  test('number values are kept as text, in order', () => {
    const { schema, diagnostics } = load('{ "attributes": { "tier": { "type": "number", "values": [3, 1, 2.5] } } }');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(schema?.attributes.get('tier')?.values, ['3', '1', '2.5']);
  });

  test('names with dots, spaces and keywords are ordinary names', () => {
    const { schema, diagnostics } = load(
      '{ "attributes": { "geo.city": { "type": "string" }, "Preferred channel": { "type": "string" }, "title": { "type": "string" } } }',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual([...(schema?.attributes.keys() ?? [])], ['geo.city', 'Preferred channel', 'title']);
  });

  test('an event without properties, and empty sections', () => {
    const { schema, diagnostics } = load('{ "attributes": {}, "events": { "login": {} } }');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(schema?.events.get('login'), { properties: new Map() });
  });

  test('an empty file, `{}` and a byte order mark are all an empty schema', () => {
    for (const text of ['', '{}', '\uFEFF{}', '\uFEFF{ "attributes": { "age": { "type": "number" } } }']) {
      const { schema, diagnostics } = load(text);
      assert.deepEqual(diagnostics, [], JSON.stringify(text));
      assert.ok(schema, JSON.stringify(text));
    }
  });

  test('the file is read from disk when no text is given', () => {
    const folder = tempFolder({ 'schema.json': DOCUMENTED_EXAMPLE });
    const { schema, diagnostics } = loadSchema(join(folder, 'schema.json'));
    assert.deepEqual(diagnostics, []);
    assert.equal(schema?.attributes.size, 4);
  });

  test('an unreadable schema file gives no schema and one diagnostic', () => {
    const folder = tempFolder();
    const { schema, diagnostics } = loadSchema(join(folder, 'schema.json'));
    assert.equal(schema, undefined);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.span, d.message]),
      [['schema-unreadable', { start: 0, end: 0 }, 'cannot read the schema `schema.json`: the file does not exist']],
    );
  });
});

describe('loadSchema: problems point at the right place', () => {
  const cases: { name: string; text: string; expected: string[] }[] = [
    {
      name: 'a type name from another tool',
      text: '{\n  "attributes": {\n    "age": { "type": "int" }\n  }\n}',
      expected: ['schema-unknown-type 3:22 `int` is not a type; use number, string, boolean, date or list (did you mean `number`?)'],
    },
    {
      name: 'a misspelt type name',
      text: '{ "attributes": { "vip": { "type": "boolen" } } }',
      expected: ['schema-unknown-type 1:36 `boolen` is not a type; use number, string, boolean, date or list (did you mean `boolean`?)'],
    },
    {
      name: 'a type name with nothing close',
      text: '{ "attributes": { "geo": { "type": "object" } } }',
      expected: ['schema-unknown-type 1:36 `object` is not a type; use number, string, boolean, date or list'],
    },
    {
      name: 'type is not a string',
      text: '{ "attributes": { "age": { "type": 1 } } }',
      expected: ['schema-wrong-type 1:36 `type` must be one of number, string, boolean, date or list in double quotes, not a number'],
    },
    {
      name: 'missing type, reported at the name',
      text: '{\n  "attributes": {\n    "age": { "description": "Age in years" }\n  }\n}',
      expected: ['schema-missing-type 3:5 `age` needs a `type`: number, string, boolean, date or list'],
    },
    {
      name: 'misspelt field key',
      text: '{ "attributes": { "device": { "type": "string", "valeus": ["mobile"] } } }',
      expected: ['schema-unknown-key 1:49 unknown key `valeus` in `attributes.device`; did you mean `values`?'],
    },
    {
      name: 'unknown field key with nothing close',
      text: '{ "attributes": { "age": { "type": "number", "unit": "years" } } }',
      expected: [
        'schema-unknown-key 1:46 unknown key `unit` in `attributes.age`; the keys are `type`, `description`, `values`, `deprecated` and `pii`',
      ],
    },
    {
      name: 'misspelt top-level key',
      text: '{ "atributes": {} }',
      expected: ['schema-unknown-key 1:3 unknown key `atributes`; did you mean `attributes`?'],
    },
    {
      name: 'a declaration outside `attributes`',
      text: '{\n  "age": { "type": "number" }\n}',
      expected: ['schema-unknown-key 2:3 unknown key `age`; attributes are declared inside `"attributes": { … }`'],
    },
    {
      name: 'a declaration written as a bare type name',
      text: '{ "attributes": { "age": "number" } }',
      expected: ['schema-not-object 1:26 `age` must be a declaration like { "type": "number" }, not a string'],
    },
    {
      name: 'attributes is an array',
      text: '{ "attributes": ["age"] }',
      expected: ['schema-not-object 1:17 `attributes` must be an object of name -> declaration, not an array'],
    },
    {
      name: 'events is a string',
      text: '{ "events": "purchase" }',
      expected: ['schema-not-object 1:13 `events` must be an object of event name -> declaration, not a string'],
    },
    {
      name: 'an event is not an object',
      text: '{ "events": { "purchase": true } }',
      expected: [
        'schema-not-object 1:27 event `purchase` must be a declaration like { "description": "…", "properties": { … } }, not `true`',
      ],
    },
    {
      name: 'an event given a type',
      text: '{ "events": { "purchase": { "type": "number" } } }',
      expected: [
        'schema-unknown-key 1:29 unknown key `type` in event `purchase`; events have no type or values of their own, their properties do: "properties": { "amount": { "type": "number" } }',
      ],
    },
    {
      name: 'misspelt event key',
      text: '{ "events": { "purchase": { "propertys": {} } } }',
      expected: ['schema-unknown-key 1:29 unknown key `propertys` in event `purchase`; did you mean `properties`?'],
    },
    {
      name: 'event properties with a bad type',
      text: '{ "events": { "purchase": { "properties": { "amount": { "type": "float" } } } } }',
      expected: ['schema-unknown-type 1:65 `float` is not a type; use number, string, boolean, date or list (did you mean `number`?)'],
    },
    {
      name: 'event property without a type',
      text: '{ "events": { "purchase": { "properties": { "amount": {} } } } }',
      expected: ['schema-missing-type 1:45 `amount` needs a `type`: number, string, boolean, date or list'],
    },
    {
      name: 'properties is an array',
      text: '{ "events": { "purchase": { "properties": [] } } }',
      expected: ['schema-not-object 1:43 `events.purchase.properties` must be an object of name -> declaration, not an array'],
    },
    {
      name: 'description is a number',
      text: '{ "attributes": { "age": { "type": "number", "description": 7 } } }',
      expected: ['schema-wrong-type 1:61 `description` must be text in double quotes, not a number'],
    },
    {
      name: 'event description is an object',
      text: '{ "events": { "login": { "description": {} } } }',
      expected: ['schema-wrong-type 1:41 `description` must be text in double quotes, not an object'],
    },
    {
      name: 'deprecated is a number',
      text: '{ "attributes": { "old": { "type": "number", "deprecated": 1 } } }',
      expected: [
        'schema-wrong-type 1:60 `deprecated` must be true or a hint in double quotes such as "use engagement_score", not a number',
      ],
    },
    {
      name: 'values is a string',
      text: '{ "attributes": { "device": { "type": "string", "values": "mobile" } } }',
      expected: ['schema-wrong-type 1:59 `values` must be an array such as ["mobile", "desktop"], not a string'],
    },
    {
      name: 'a number among string values',
      text: '{ "attributes": { "zip": { "type": "string", "values": ["0150", 5003] } } }',
      expected: ['schema-value-wrong-type 1:65 `zip` is a string, so its values must be in double quotes: "5003"'],
    },
    {
      name: 'a number among list values',
      text: '{ "attributes": { "tags": { "type": "list", "values": [1] } } }',
      expected: ['schema-value-wrong-type 1:56 `tags` is a list, so its values must be in double quotes: "1"'],
    },
    {
      name: 'a quoted number among number values',
      text: '{ "attributes": { "tier": { "type": "number", "values": [1, "2"] } } }',
      expected: ['schema-value-wrong-type 1:61 `tier` is a number, so its values must be numbers: write 2 without quotes'],
    },
    {
      name: 'a word among number values',
      text: '{ "attributes": { "tier": { "type": "number", "values": ["gold"] } } }',
      expected: ['schema-value-wrong-type 1:58 `tier` is a number, so its values must be numbers, not "gold"'],
    },
    {
      name: 'null among values',
      text: '{ "attributes": { "device": { "type": "string", "values": ["mobile", null] } } }',
      expected: ['schema-value-wrong-type 1:70 the items of `values` must be strings in double quotes, not `null`'],
    },
    {
      name: 'values on a boolean field',
      text: '{ "attributes": { "vip": { "type": "boolean", "values": [true, false] } } }',
      expected: ['schema-values-not-allowed 1:47 `values` only applies to number, string and list fields; `vip` is a boolean'],
    },
    {
      name: 'values on a date field',
      text: '{ "attributes": { "born": { "type": "date", "values": ["2000-01-01"] } } }',
      expected: ['schema-values-not-allowed 1:45 `values` only applies to number, string and list fields; `born` is a date'],
    },
    {
      name: 'a value listed twice (a warning)',
      text: '{ "attributes": { "device": { "type": "string", "values": ["mobile", "tablet", "mobile"] } } }',
      expected: ['schema-duplicate-value 1:80 `mobile` is already in `values`'],
    },
    {
      name: 'empty values (a warning)',
      text: '{ "attributes": { "device": { "type": "string", "values": [] } } }',
      expected: [
        'schema-empty-values 1:59 `values` is empty, so no value of `device` would be allowed; remove it to allow any value',
      ],
    },
    {
      name: 'an attribute declared twice, reported at the second',
      text: '{\n  "attributes": {\n    "age": { "type": "number" },\n    "age": { "type": "string" }\n  }\n}',
      expected: ['schema-duplicate-key 4:5 duplicate key `age`: it is already given on line 3'],
    },
    {
      name: 'a key given twice in one declaration',
      text: '{ "attributes": { "age": { "type": "number", "type": "string" } } }',
      expected: ['schema-duplicate-key 1:46 duplicate key `type`: it is already given on line 1'],
    },
    {
      name: 'an event declared twice',
      text: '{ "events": { "login": {}, "login": {} } }',
      expected: ['schema-duplicate-key 1:28 duplicate key `login`: it is already given on line 1'],
    },
    {
      name: 'an empty attribute name',
      text: '{ "attributes": { "": { "type": "number" } } }',
      expected: ['schema-empty-name 1:19 an attribute name cannot be empty'],
    },
    {
      name: 'an empty event name',
      text: '{ "events": { "": {} } }',
      expected: ['schema-empty-name 1:15 an event name cannot be empty'],
    },
    {
      name: 'top level is an array',
      text: '[]',
      expected: ['schema-not-object 1:1 the schema must be an object with `attributes` and `events`, not an array'],
    },
    {
      name: 'missing comma inside values',
      text: '{ "attributes": { "device": { "type": "string", "values": ["mobile" "tablet"] } } }',
      expected: ['schema-syntax 1:69 expected a comma or `]`'],
    },
    {
      name: 'trailing comma after the last attribute',
      text: '{\n  "attributes": {\n    "age": { "type": "number" },\n  }\n}',
      expected: ['schema-syntax 3:32 JSON does not allow a comma before `}`'],
    },
    {
      name: 'problems before a syntax error are kept',
      text: '{ "attributes": { "age": { "type": "int" } } "events": {} }',
      expected: [
        'schema-unknown-type 1:36 `int` is not a type; use number, string, boolean, date or list (did you mean `number`?)',
        'schema-syntax 1:46 expected a comma or `}`',
      ],
    },
  ];

  for (const c of cases) {
    test(c.name, () => {
      const { diagnostics } = load(c.text);
      assert.deepEqual(shown(c.text, diagnostics), c.expected);
      assert.equal(wellFormed(c.text, diagnostics), undefined);
      for (const d of diagnostics) assert.equal(d.file, schemaFile);
    });
  }
});

describe('loadSchema: what a bad declaration leaves behind', () => {
  test('a declaration without a usable type is left out; the others stay', () => {
    const { schema } = load(
      '{ "attributes": { "age": { "type": "int" }, "city": { "type": "string" }, "vip": { "description": "x" } } }',
    );
    assert.deepEqual([...(schema?.attributes.keys() ?? [])], ['city']);
  });

  test('bad value items are dropped, good ones stay', () => {
    const { schema } = load('{ "attributes": { "device": { "type": "string", "values": ["mobile", 3, "mobile", "tablet"] } } }');
    assert.deepEqual(schema?.attributes.get('device')?.values, ['mobile', 'tablet']);
  });

  test('the first of two declarations with one name is used', () => {
    const { schema } = load('{ "attributes": { "age": { "type": "number" }, "age": { "type": "string" } } }');
    assert.equal(schema?.attributes.get('age')?.type, 'number');
  });

  test('a top level that is not an object gives no schema', () => {
    assert.equal(load('"attributes"').schema, undefined);
  });

  test('warnings are warnings, everything else is an error', () => {
    const { diagnostics } = load('{ "attributes": { "d": { "type": "string", "values": [] }, "e": { "type": "strin" } } }');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [
        ['schema-empty-values', 'warning'],
        ['schema-unknown-type', 'error'],
      ],
    );
  });
});

describe('loadSchema: fixes', () => {
  const fixable: [string, string][] = [
    ['{ "attributes": { "age": { "type": "integer" } } }', '{ "attributes": { "age": { "type": "number" } } }'],
    ['{ "attributes": { "age": { "tpye": "number" } } }', '{ "attributes": { "age": { "type": "number" } } }'],
    ['{ "attributes": { "age": "number" } }', '{ "attributes": { "age": { "type": "number" } } }'],
    ['{ "attributes": { "zip": { "type": "string", "values": [5003] } } }', '{ "attributes": { "zip": { "type": "string", "values": ["5003"] } } }'],
    ['{ "attributes": { "n": { "type": "number", "values": ["2"] } } }', '{ "attributes": { "n": { "type": "number", "values": [2] } } }'],
    ['{ "Events": {} }', '{ "events": {} }'],
  ];
  for (const [before, after] of fixable) {
    test(`fix for ${before}`, () => {
      const first = load(before).diagnostics.find((d) => d.fixes);
      assert.ok(first, 'a diagnostic with a fix');
      const fixed = applyFirstFix(before, first);
      assert.equal(fixed, after);
      assert.deepEqual(load(fixed).diagnostics, []);
    });
  }
});

test('a schema nested 5,000 levels deep is one error, not a stack overflow (issue 12)', () => {
  const text = `{"attributes": {"a": {"type": "string", "values": ${'['.repeat(5000)}${']'.repeat(5000)}}}}`;
  const { diagnostics, schema } = loadSchema(join(tempFolder(), 'schema.json'), text);
  assert.deepEqual(diagnostics.map((d) => d.code), ['schema-too-deep']);
  assert.equal(schema?.attributes.size ?? 0, 0);
});
