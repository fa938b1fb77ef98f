// `check --format sarif`, validated against the official SARIF 2.1.0 schema
// (test/fixtures/sarif-schema-2.1.0.json: the OASIS Committee Specification
// schema, draft-07, from github.com/oasis-tcs/sarif-spec at 3a361e0,
// Documents/CommitteeSpecifications/2.1.0/). ajv-formats is not installed, so
// format keywords (uri, date-time) are not checked by ajv (`validateFormats:
// false`); the URIs we emit are checked by hand below. The published schema's
// `language` pattern (`…[a-zA-Z]{2}]?$`) is not valid with the `u` flag ajv uses
// by default, so patterns are compiled without it (`unicodeRegExp: false`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { ALL_DIAGNOSTIC_CODES } from '../../server/src/core/workspace/diagnostic-codes';
import type { SarifLog } from '../../server/src/cli/report/sarif';
import { makeProject, REPO_ROOT, runSegments } from '../support/cli';
import { makeRepo } from './git-repo';

const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

function sarifOf(root: string, cwd = root): { status: number; log: SarifLog } {
  const r = runSegments(['check', '--format', 'sarif'], cwd);
  const log = JSON.parse(r.stdout) as SarifLog;
  assert.ok(validate(structuredClone(log)), JSON.stringify(validate.errors, null, 2));
  return { status: r.status, log };
}

const PROJECT = {
  'segments.config.json': JSON.stringify({ sample: 'users.csv', schema: 'schema.json' }),
  'schema.json': JSON.stringify({ attributes: { city: { type: 'string', values: ['Oslo', 'Bergen'] }, age: { type: 'number' } } }),
  'users.csv': 'user_id,city,age\nu1,Oslo,30\nu2,Bergen,40\n',
  'segments/a,b:c.segment': 'segment s {\n  include cty = "Oslo"\n}\nsegment t {\n  include age > 90\n}\nsegment u {\n  include age >\n}\n',
};

test('a SARIF log that the official schema accepts, with rules, results, locations and fixes', () => {
  const root = makeRepo(PROJECT);
  const { status, log } = sarifOf(root);
  assert.equal(status, 1);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'segments');
  assert.equal(run.tool.driver.version, JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
  assert.deepEqual(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(root).href + '/');

  const ruleIds = run.tool.driver.rules.map((r) => r.id);
  assert.deepEqual(ruleIds, ['matches-nobody', 'syntax-error', 'unknown-attribute']);
  for (const rule of run.tool.driver.rules) {
    const info = ALL_DIAGNOSTIC_CODES.get(rule.id)!;
    assert.equal(rule.fullDescription.text, info.description.replace(/`/g, ''));
    assert.ok(rule.help.text.startsWith(rule.fullDescription.text));
    assert.equal(rule.defaultConfiguration.level, info.severity === 'info' ? 'note' : info.severity);
  }

  const unknown = run.results.find((r) => r.ruleId === 'unknown-attribute')!;
  assert.equal(run.tool.driver.rules[unknown.ruleIndex].id, 'unknown-attribute');
  assert.equal(unknown.level, 'error');
  assert.equal(unknown.message.text, 'unknown attribute `cty`; did you mean `city`?');
  const location = unknown.locations[0].physicalLocation;
  // A relative URI reference: the comma and colon of the file name are percent-encoded.
  assert.deepEqual(location.artifactLocation, { uri: 'segments/a%2Cb%3Ac.segment', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(location.region, { startLine: 2, startColumn: 11, endLine: 2, endColumn: 14 });
  const resolved = new URL(location.artifactLocation.uri, run.originalUriBaseIds['%SRCROOT%'].uri);
  assert.equal(decodeURIComponent(resolved.pathname), `${root}/segments/a,b:c.segment`);

  assert.ok(unknown.fixes);
  assert.equal(unknown.fixes[0].description.text, 'Change to `city`');
  assert.deepEqual(unknown.fixes[0].artifactChanges[0].replacements, [
    { deletedRegion: { startLine: 2, startColumn: 11, endLine: 2, endColumn: 14 }, insertedContent: { text: 'city' } },
  ]);

  const nobody = run.results.find((r) => r.ruleId === 'matches-nobody')!;
  assert.equal(nobody.level, 'warning');
  assert.equal(nobody.fixes, undefined);
});

test('a clean project gives a valid log with no results; paths are relative to the repository root from a sub-folder', () => {
  const clean = makeProject({ 'segments.config.json': '{}', 'a.segment': 'segment s {\n  include x = 1\n}\n' });
  const { status, log } = sarifOf(clean);
  assert.equal(status, 0);
  assert.deepEqual(log.runs[0].results, []);
  assert.deepEqual(log.runs[0].tool.driver.rules, []);

  const repo = makeRepo(Object.fromEntries(Object.entries(PROJECT).map(([k, v]) => [`shop/${k}`, v])));
  const sub = sarifOf(repo, join(repo, 'shop'));
  assert.ok(sub.log.runs[0].results.length > 0);
  assert.ok(sub.log.runs[0].results.every((r) => r.locations[0].physicalLocation.artifactLocation.uri.startsWith('shop/segments/')));
});

test('the schema check is real: a log missing a required property is refused', () => {
  const root = makeRepo(PROJECT);
  const log = JSON.parse(runSegments(['check', '--format', 'sarif'], root).stdout);
  delete log.runs[0].results[0].message;
  assert.equal(validate(log), false);
  const badLevel = JSON.parse(runSegments(['check', '--format', 'sarif'], root).stdout);
  badLevel.runs[0].results[0].level = 'fatal';
  assert.equal(validate(badLevel), false);
});

test('data-file diagnostics (a line, no span) and config problems are located too', () => {
  const root = makeProject({
    'segments.config.json': '{\n  "sample": "users.csv",\n  "smaple": 1\n}\n',
    'users.csv': 'user_id,age\nu1,30\nu1,31\n',
    'a.segment': 'segment s {\n  include age > 1\n}\n',
  });
  const { log } = sarifOf(root);
  const files = log.runs[0].results.map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]);
  assert.deepEqual(files, [['segments.config.json', 3], ['users.csv', 3]]);
  const duplicate = log.runs[0].results[1];
  assert.equal(duplicate.ruleId, 'sample-duplicate-id');
  assert.deepEqual(duplicate.locations[0].physicalLocation.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 1 });
});
