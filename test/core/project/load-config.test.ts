import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_ID_COLUMN } from '../../../server/src/core/project/config';
import { defaultConfig, loadConfig } from '../../../server/src/core/project/load-config';
import { applyFirstFix, shown, tempFolder, wellFormed } from './helpers';

const project = tempFolder({
  'data/users.csv': 'user_id,age\n1,30\n',
  'data/events.csv': 'user_id,event,timestamp\n',
  'schema.json': '{}',
});
mkdirSync(join(project, 'data/folder'));
execFileSync('mkfifo', [join(project, 'data/pipe.csv')]);
symlinkSync('loop-b.csv', join(project, 'data/loop-a.csv'));
symlinkSync('loop-a.csv', join(project, 'data/loop-b.csv'));
const configFile = join(project, 'segments.config.json');

function load(text: string) {
  return loadConfig(configFile, text);
}

describe('loadConfig: problems point at the right place', () => {
  const cases: { name: string; text: string; expected: string[] }[] = [
    {
      name: 'misspelt key with did-you-mean',
      text: '{\n  "smaple": "data/users.csv"\n}',
      expected: ['config-unknown-key 2:3 unknown key `smaple`; did you mean `sample`?'],
    },
    {
      name: 'key in the wrong case',
      text: '{ "idcolumn": "id" }',
      expected: ['config-unknown-key 1:3 unknown key `idcolumn`; did you mean `idColumn`?'],
    },
    {
      name: 'unknown key with nothing close',
      text: '{ "colour": "red" }',
      expected: [
        'config-unknown-key 1:3 unknown key `colour`; the keys are `sample`, `events`, `schema`, `idColumn`, `asOf`, `population` and `cache`',
      ],
    },
    {
      name: 'missing comma between keys',
      text: '{\n  "idColumn": "id"\n  "asOf": "2026-11-01"\n}',
      expected: ['config-syntax 3:3 expected a comma or `}`'],
    },
    {
      name: 'missing comma in an array value',
      text: '{ "sample": [1 2] }',
      expected: [
        'config-wrong-type 1:13 `sample` must be a path in double quotes, like "data/users.csv", not an array',
        'config-syntax 1:16 expected a comma or `]`',
      ],
    },
    {
      name: 'trailing comma',
      text: '{\n  "idColumn": "id",\n}',
      expected: ['config-syntax 2:19 JSON does not allow a comma before `}`'],
    },
    {
      name: 'unclosed object',
      text: '{\n  "idColumn": "id"\n',
      expected: ['config-syntax 3:1 expected `}` to close the object that starts on line 1'],
    },
    {
      name: 'missing colon',
      text: '{ "idColumn" "id" }',
      expected: ['config-syntax 1:14 expected a `:` after the key'],
    },
    {
      name: 'missing value',
      text: '{ "idColumn": }',
      expected: ['config-syntax 1:15 expected a value: a string in double quotes, a number, true, false, null, an object or an array'],
    },
    {
      name: 'unquoted key',
      text: '{ asOf: "2026-11-01" }',
      expected: ['config-syntax 1:3 keys must be in double quotes: write `"asOf"`'],
    },
    {
      name: 'single quotes',
      text: "{ 'asOf': '2026-11-01' }",
      expected: ['config-syntax 1:3 strings and keys must be in double quotes, not single quotes'],
    },
    {
      name: 'misspelt literal',
      text: '{ "population": tru }',
      expected: ['config-syntax 1:17 `tru` is not a JSON value; did you mean `true`?'],
    },
    {
      name: 'comment',
      text: '{\n  // where the data is\n  "sample": "data/users.csv"\n}',
      expected: ['config-syntax 2:3 comments are not allowed in JSON'],
    },
    {
      name: 'unclosed string (later keys are not guessed at)',
      text: '{\n  "idColumn": "id,\n  "smaple": 1\n}',
      expected: ['config-syntax 2:15 this string is never closed; add the closing `"`'],
    },
    {
      name: 'Windows path with backslashes',
      text: '{ "sample": "data\\users.csv" }',
      expected: ['config-syntax 1:13 `\\u` is not a valid escape in a JSON string; write paths with `/`: `"data/users.csv"`'],
    },
    {
      name: 'text after the object',
      text: '{}\n}',
      expected: ['config-syntax 2:1 unexpected `}` after the end of the JSON value'],
    },
    {
      name: 'top level is an array',
      text: '\n["data/users.csv"]',
      expected: ['config-not-object 2:1 the config must be an object `{ … }`, not an array'],
    },
    {
      name: 'top level is a string',
      text: '"data/users.csv"',
      expected: ['config-not-object 1:1 the config must be an object `{ … }`, not a string'],
    },
    {
      name: 'duplicate key, reported at the second',
      text: '{\n  "idColumn": "id",\n  "idColumn": "user"\n}',
      expected: ['config-duplicate-key 3:3 duplicate key `idColumn`: it is already given on line 2'],
    },
    {
      name: 'sample is a number',
      text: '{ "sample": 42 }',
      expected: ['config-wrong-type 1:13 `sample` must be a path in double quotes, like "data/users.csv", not a number'],
    },
    {
      name: 'cache is a string',
      text: '{ "cache": "off" }',
      expected: ['config-wrong-type 1:12 `cache` must be `true` or `false`, not a string'],
    },
    {
      name: 'schema is null',
      text: '{ "schema": null }',
      expected: [
        'config-wrong-type 1:13 `schema` must be a path in double quotes, like "schema.json", not `null` (remove the key to leave it unset)',
      ],
    },
    {
      name: 'idColumn is an array',
      text: '{ "idColumn": ["id"] }',
      expected: ['config-wrong-type 1:15 `idColumn` must be a column name in double quotes, like "user_id", not an array'],
    },
    {
      name: 'empty idColumn',
      text: '{ "idColumn": "" }',
      expected: ['config-invalid-value 1:15 `idColumn` is empty; give the name of the id column, or remove the key'],
    },
    {
      name: 'empty sample path',
      text: '{ "sample": " " }',
      expected: ['config-invalid-value 1:13 `sample` is empty; give the path of the profiles file (CSV or JSON Lines), or remove the key'],
    },
    {
      name: 'asOf is a number',
      text: '{ "asOf": 20261101 }',
      expected: ['config-wrong-type 1:11 `asOf` must be a date in double quotes, like "2026-11-01", not a number'],
    },
    {
      name: 'asOf is not a real day',
      text: '{ "asOf": "2026-02-30" }',
      expected: ['config-invalid-value 1:11 `2026-02-30` is not a real date'],
    },
    {
      name: 'asOf in another format',
      text: '{ "asOf": "01/11/2026" }',
      expected: ['config-invalid-value 1:11 `asOf` must be a date written YYYY-MM-DD, like "2026-11-01"'],
    },
    {
      name: 'asOf with a time',
      text: '{ "asOf": "2026-11-01T00:00:00Z" }',
      expected: ['config-invalid-value 1:11 `asOf` is a day, written YYYY-MM-DD without a time: "2026-11-01"'],
    },
    {
      name: 'population in quotes',
      text: '{ "population": "2400000" }',
      expected: ['config-wrong-type 1:17 `population` must be a number, not a string: write 2400000 without quotes'],
    },
    {
      name: 'population is a boolean',
      text: '{ "population": true }',
      expected: ['config-wrong-type 1:17 `population` must be a whole number above 0, like 2400000, not `true`'],
    },
    {
      name: 'population is a fraction',
      text: '{ "population": 2.5 }',
      expected: ['config-invalid-value 1:17 `population` must be a whole number above 0, like 2400000'],
    },
    {
      name: 'population is zero',
      text: '{ "population": 0 }',
      expected: ['config-invalid-value 1:17 `population` must be a whole number above 0, like 2400000'],
    },
    {
      name: 'population is negative',
      text: '{ "population": -5 }',
      expected: ['config-invalid-value 1:17 `population` must be a whole number above 0, like 2400000'],
    },
    {
      name: 'missing sample file, named by its resolved path',
      text: '{\n  "sample": "data/user.csv"\n}',
      expected: [`config-missing-file 2:13 \`sample\` file not found: ${join(project, 'data/user.csv')}`],
    },
    {
      name: 'missing events file',
      text: '{ "events": "./events.csv" }',
      expected: [`config-missing-file 1:13 \`events\` file not found: ${join(project, 'events.csv')}`],
    },
    {
      name: 'schema path is a folder',
      text: '{ "schema": "data/folder" }',
      expected: [`config-missing-file 1:13 \`schema\` must name a file, but ${join(project, 'data/folder')} is a folder`],
    },
    {
      name: 'sample is a named pipe: said so, never opened (the load would block), never "a folder" (issue 12, finding 8)',
      text: '{ "sample": "data/pipe.csv" }',
      expected: [`config-missing-file 1:13 \`sample\` must name a file, but ${join(project, 'data/pipe.csv')} is a named pipe (FIFO)`],
    },
    {
      name: 'sample is a device (issue 12, finding 8)',
      text: '{ "sample": "/dev/zero" }',
      expected: ['config-missing-file 1:13 `sample` must name a file, but /dev/zero is a device'],
    },
    {
      name: 'sample is a symlink loop, not "not found" (issue 12, finding 8)',
      text: '{ "sample": "data/loop-a.csv" }',
      expected: [`config-missing-file 1:13 \`sample\` cannot be read: ${join(project, 'data/loop-a.csv')} is a symlink loop (a link that leads back to itself)`],
    },
    {
      name: 'several problems, in file order',
      text: '{\n  "population": -1,\n  "asof": "2026-11-01",\n  "sample": true\n}',
      expected: [
        'config-invalid-value 2:17 `population` must be a whole number above 0, like 2400000',
        'config-unknown-key 3:3 unknown key `asof`; did you mean `asOf`?',
        'config-wrong-type 4:13 `sample` must be a path in double quotes, like "data/users.csv", not `true`',
      ],
    },
  ];

  for (const c of cases) {
    test(c.name, () => {
      const { diagnostics } = load(c.text);
      assert.deepEqual(shown(c.text, diagnostics), c.expected);
      assert.equal(wellFormed(c.text, diagnostics), undefined);
      for (const d of diagnostics) {
        assert.equal(d.file, configFile);
        assert.equal(d.severity, 'error');
      }
    });
  }
});

describe('loadConfig: valid files', () => {
  test('every key, with paths resolved against the config folder', () => {
    const text = JSON.stringify({
      $schema: './node_modules/segments-language/schemas/segments.config.schema.json',
      sample: 'data/users.csv',
      events: './data/events.csv',
      schema: 'schema.json',
      idColumn: 'customer_id',
      asOf: '2026-11-01',
      population: 2400000,
    });
    const { config, diagnostics } = load(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(config, {
      root: project,
      configFile,
      sample: join(project, 'data/users.csv'),
      events: join(project, 'data/events.csv'),
      schema: join(project, 'schema.json'),
      idColumn: 'customer_id',
      asOf: '2026-11-01',
      population: 2400000,
    });
  });

  test('a config with no keys at all is valid and gives the defaults', () => {
    for (const text of ['{}', '{ }\n', '', '  \n']) {
      const { config, diagnostics } = load(text);
      assert.deepEqual(diagnostics, [], JSON.stringify(text));
      assert.deepEqual(config, { root: project, configFile, idColumn: DEFAULT_ID_COLUMN });
    }
  });

  test('a UTF-8 byte order mark at the start is tolerated', () => {
    const text = '\uFEFF{ "sample": "data/users.csv" }';
    const { config, diagnostics } = load(text);
    assert.deepEqual(diagnostics, []);
    assert.equal(config.sample, join(project, 'data/users.csv'));
  });

  test('with a byte order mark, positions still point at the key', () => {
    const text = '\uFEFF{ "smaple": "data/users.csv" }';
    const { diagnostics } = load(text);
    assert.equal(diagnostics.length, 1);
    assert.equal(text.slice(diagnostics[0].span.start, diagnostics[0].span.end), '"smaple"');
  });

  test('paths may climb out of the project folder or be absolute', () => {
    const outer = tempFolder({ 'shared/users.csv': 'user_id\n1\n', 'project/segments.config.json': '' });
    const file = join(outer, 'project/segments.config.json');
    const climbing = loadConfig(file, '{ "sample": "../shared/users.csv" }');
    assert.deepEqual(climbing.diagnostics, []);
    assert.equal(climbing.config.sample, join(outer, 'shared/users.csv'));
    assert.equal(climbing.config.root, join(outer, 'project'));
    const absolute = loadConfig(file, JSON.stringify({ sample: join(outer, 'shared/users.csv') }));
    assert.deepEqual(absolute.diagnostics, []);
    assert.equal(absolute.config.sample, join(outer, 'shared/users.csv'));
  });

  test('a relative config path is made absolute', () => {
    const relative = join('.', 'segments.config.json');
    const { config } = loadConfig(relative, '{}');
    assert.equal(config.configFile, join(process.cwd(), 'segments.config.json'));
    assert.equal(config.root, process.cwd());
  });

  test('the file is read from disk when no text is given', () => {
    const folder = tempFolder({
      'users.csv': 'user_id\n1\n',
      'segments.config.json': '{ "sample": "users.csv", "asOf": "2026-01-31" }',
    });
    const { config, diagnostics } = loadConfig(join(folder, 'segments.config.json'));
    assert.deepEqual(diagnostics, []);
    assert.equal(config.sample, join(folder, 'users.csv'));
    assert.equal(config.asOf, '2026-01-31');
  });
});

describe('loadConfig: what a bad key leaves behind', () => {
  test('bad values are left unset, good ones still count', () => {
    const { config } = load('{ "sample": "nope.csv", "asOf": "2026-13-01", "population": 100, "idColumn": 7 }');
    assert.equal(config.sample, undefined);
    assert.equal(config.asOf, undefined);
    assert.equal(config.idColumn, DEFAULT_ID_COLUMN);
    assert.equal(config.population, 100);
  });

  test('with a duplicate key the first one is used', () => {
    const { config } = load('{ "idColumn": "first", "idColumn": "second" }');
    assert.equal(config.idColumn, 'first');
  });

  test('keys before a syntax error still count', () => {
    const { config, diagnostics } = load('{ "idColumn": "id", "population": 5 "asOf": "2026-11-01" }');
    assert.deepEqual(diagnostics.map((d) => d.code), ['config-syntax']);
    assert.equal(config.idColumn, 'id');
    assert.equal(config.population, 5);
  });

  test('an unreadable config file is one diagnostic and the defaults', () => {
    const folder = tempFolder();
    const missing = join(folder, 'segments.config.json');
    const { config, diagnostics } = loadConfig(missing);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.file, d.span, d.message]),
      [['config-unreadable', missing, { start: 0, end: 0 }, 'cannot read `segments.config.json`: the file does not exist']],
    );
    assert.deepEqual(config, { root: folder, configFile: missing, idColumn: DEFAULT_ID_COLUMN });
  });

  test('a config path that is a folder is unreadable, not a crash', () => {
    const folder = tempFolder({ 'segments.config.json/inner.txt': '' });
    const { diagnostics } = loadConfig(join(folder, 'segments.config.json'));
    assert.deepEqual(diagnostics.map((d) => d.message), ['cannot read `segments.config.json`: it is a folder, not a file']);
  });
});

describe('loadConfig: fixes', () => {
  const fixable: [string, string][] = [
    ['{ "smaple": "data/users.csv" }', '{ "sample": "data/users.csv" }'],
    ['{ "population": "2400000" }', '{ "population": 2400000 }'],
    ['{ "asOf": "2026-11-01T08:00:00Z" }', '{ "asOf": "2026-11-01" }'],
    ['{ "idColumn": "id", }', '{ "idColumn": "id" }'],
    ['{ "idColumn": "id"\n "asOf": "2026-11-01" }', '{ "idColumn": "id",\n "asOf": "2026-11-01" }'],
    ['{ idColumn: "id" }', '{ "idColumn": "id" }'],
    ['{ "sample": "data\\users.csv" }', '{ "sample": "data/users.csv" }'],
  ];
  for (const [before, after] of fixable) {
    test(`fix for ${JSON.stringify(before)}`, () => {
      const first = load(before).diagnostics;
      assert.equal(first.length, 1);
      const fixed = applyFirstFix(before, first[0]);
      assert.equal(fixed, after);
      assert.deepEqual(load(fixed).diagnostics, []);
    });
  }
});

test('defaultConfig: the folder itself, the default id column, nothing else', () => {
  assert.deepEqual(defaultConfig(join(project, 'sub', '..')), { root: project, idColumn: 'user_id' });
  assert.equal(dirname(configFile), project);
});

test('a config nested 5,000 levels deep is one error at the level past the limit, not a stack overflow (issue 12)', () => {
  for (const text of [`{"sample": ${'['.repeat(5000)}${']'.repeat(5000)}}`, `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`]) {
    const { diagnostics } = load(text);
    assert.deepEqual(shown(text, diagnostics), [
      `config-too-deep 1:${text.indexOf('[') >= 0 ? 12 + 64 - 1 : 5 * 64 + 1} objects and arrays are nested more than 64 levels deep here; a project file needs a few levels at most`,
    ]);
  }
  // Sixty-four levels are read as usual (here: an unknown key, reported where it is).
  const deepButAllowed = `{"x": ${'['.repeat(63)}${']'.repeat(63)}}`;
  assert.deepEqual(load(deepButAllowed).diagnostics.map((d) => d.code), ['config-unknown-key']);
});
