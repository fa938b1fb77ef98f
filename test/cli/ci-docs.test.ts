// docs/ci.md stays true: its workflow is the repository's own, and its JSON
// example of `segments diff` has the keys the CLI prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runSegments } from '../support/cli';
import { makeRepo, writeFiles } from './git-repo';

const doc = readFileSync(join(REPO_ROOT, 'docs', 'ci.md'), 'utf8');

test('the workflow in docs/ci.md is .github/workflows/segments.yml', () => {
  const block = /```yaml\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/ci.md has a yaml block');
  assert.equal(block[1], readFileSync(join(REPO_ROOT, '.github', 'workflows', 'segments.yml'), 'utf8'));
});

test('the workflow checks out the whole history and runs each CI format', () => {
  const workflow = readFileSync(join(REPO_ROOT, '.github', 'workflows', 'segments.yml'), 'utf8');
  assert.match(workflow, /fetch-depth: 0/);
  for (const command of [
    'segments check --format github',
    'segments check --format sarif',
    'segments size --format markdown',
    'segments diff --base "origin/${{ github.base_ref }}" --format markdown',
    '--fail-on-change 20',
  ]) {
    assert.ok(workflow.includes(command), command);
  }
});

function keysDeep(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keysDeep(item, `${path}[]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${path}.${k}`, ...keysDeep(v, `${path}.${k}`)]);
}

test('the diff JSON example has the keys the CLI prints', () => {
  const example = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1])).find((j) => 'summary' in j && 'segments' in j);
  assert.ok(example, 'docs/ci.md has a diff JSON example');
  const root = makeRepo({
    'segments.config.json': '{ "sample": "users.csv" }',
    'users.csv': 'user_id,age\nu1,20\nu2,40\n',
    'a.segment': 'segment s {\n  include age > 30\n}\n',
  });
  // A metadata change and an edited condition, like the example's first segments.
  writeFiles(root, { 'a.segment': 'segment s {\n  title "S"\n  include age > 10 and age is present\n}\n' });
  const actual = JSON.parse(runSegments(['diff', '--base', 'main', '--format', 'json'], root).stdout);
  const withoutOptional = (keys: string[]) => keys.filter((k) => !/movedFrom|unreadableIn|failOnChange/.test(k)).sort();
  assert.deepEqual(withoutOptional([...new Set(keysDeep(actual))]), withoutOptional([...new Set(keysDeep(example))]));
});
