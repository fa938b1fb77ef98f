import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectForDocument, statusView } from '../../client/src/status-text';

const config = 'file:///w/shop/segments.config.json';
const sample = 'file:///w/shop/data/users.csv';

test('loading shows a spinning icon and the rounded percentage, clamped to 0–100', () => {
  assert.equal(statusView({ state: 'loading', percent: 41.6, project: config, sample }).text, '$(loading~spin) Loading sample 42%');
  assert.equal(statusView({ state: 'loading', percent: 130 }).text, '$(loading~spin) Loading sample 100%');
  assert.equal(statusView({ state: 'loading', percent: Number.NaN }).text, '$(loading~spin) Loading sample 0%');
});

test('ready shows the profile count with thousands separators and asOf; a click opens the sample', () => {
  const view = statusView({ state: 'ready', profiles: 5000, asOf: '2026-11-01', project: config, sample });
  assert.equal(view.text, '5,000 profiles · asOf 2026-11-01');
  assert.equal(view.target, sample);
  assert.equal(view.isError, false);
  assert.equal(statusView({ state: 'ready', profiles: 1, asOf: '2026-11-01' }).text, '1 profile · asOf 2026-11-01');
});

test('an error shows the error icon, the message in the tooltip, and a click opens the file at fault', () => {
  const view = statusView({ state: 'error', message: 'users.csv line 3: 4 fields, the header has 5', file: sample, project: config });
  assert.equal(view.text, '$(error) Sample error');
  assert.match(view.tooltip, /users\.csv line 3/);
  assert.equal(view.target, sample);
  assert.equal(view.isError, true);
});

test('a document belongs to the project whose folder holds it most closely', () => {
  const outer = 'file:///w/segments.config.json';
  const inner = 'file:///w/shop/segments.config.json';
  const loose = 'file:///elsewhere/a.segment';
  const projects = [outer, inner, loose];
  assert.equal(projectForDocument(projects, 'file:///w/shop/segments/a.segment'), inner);
  assert.equal(projectForDocument(projects, 'file:///w/other/b.segment'), outer);
  assert.equal(projectForDocument(projects, loose), loose);
  assert.equal(projectForDocument(projects, 'file:///nowhere/c.segment'), undefined);
  assert.equal(projectForDocument([inner], 'file:///nowhere/c.segment'), inner, 'with one project, that one');
  // A sibling folder whose name starts the same is not a parent.
  assert.equal(projectForDocument([outer.replace('/w/', '/w/shop/'), 'file:///w/shop2/segments.config.json'], 'file:///w/shop2/x.segment'), 'file:///w/shop2/segments.config.json');
});
