import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeProject } from '../../support/cli';
import { loadConfig } from '../../../server/src/core/project/load-config';
import { loadProjectData } from '../../../server/src/core/workspace/project-data';
import { USERS } from './helpers';

test('schema, sample and the catalog built from both; problems of both files', () => {
  const root = makeProject({
    'segments.config.json': JSON.stringify({ sample: 'users.csv', schema: 'schema.json' }),
    'schema.json': JSON.stringify({ attributes: { age: { type: 'number', description: 'Age in years' }, tier: { type: 'decimal' } } }),
    'users.csv': USERS,
  });
  const { config } = loadConfig(join(root, 'segments.config.json'));
  const data = loadProjectData(config);
  assert.equal(data.store?.profiles.count, 3);
  assert.equal(data.catalog?.attributes.get('age')?.description, 'Age in years');
  assert.equal(data.catalog?.attributes.get('city')?.type, 'string');
  assert.deepEqual(data.diagnostics.map((d) => d.code), ['schema-unknown-type']);
  const other = loadProjectData(config, { sampleOverride: join(root, 'users.csv'), rowLimit: 2 });
  assert.equal(other.store?.profiles.count, 2);
});

test('neither schema nor sample: no catalog, so name checks are skipped', () => {
  const root = makeProject({ 'segments.config.json': '{}' });
  const data = loadProjectData(loadConfig(join(root, 'segments.config.json')).config);
  assert.deepEqual(data, { schema: undefined, store: undefined, catalog: undefined, diagnostics: [] });
});
