// Names written so they read back as the same name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAttributeName, formatName, inCode, isPlainName } from '../../../server/src/core/check/format-name';
import { parseSegments } from '../../../server/src/core/syntax/parser';

test('plain identifiers stay as they are', () => {
  assert.equal(formatName('city'), 'city');
  assert.equal(formatName('_private2'), '_private2');
  assert.equal(isPlainName('city'), true);
});

test('names with spaces, odd characters, a leading digit or a keyword go in backticks', () => {
  assert.equal(formatName('Preferred channel'), '`Preferred channel`');
  assert.equal(formatName('e-mail'), '`e-mail`');
  assert.equal(formatName('2fa_enabled'), '`2fa_enabled`');
  assert.equal(formatName('title'), '`title`');
  assert.equal(formatName('days'), '`days`');
  assert.equal(formatName('Order Completed'), '`Order Completed`');
});

test('attribute names keep their dots as separators', () => {
  assert.equal(formatAttributeName('geo.city'), 'geo.city');
  assert.equal(formatAttributeName('geo.Postal code'), 'geo.`Postal code`');
  assert.equal(formatAttributeName('geo.in'), 'geo.`in`');
  assert.equal(formatAttributeName('.odd'), '`.odd`');
});

test('every formatted attribute name parses back to the same path text', () => {
  for (const name of ['city', 'Preferred channel', 'title', 'geo.city', 'geo.Postal code', 'a.b c.d', 'not', 'segment', 'did', 'true']) {
    const text = `segment s { include ${formatAttributeName(name)} is present }`;
    const { ast, diagnostics } = parseSegments(text, '/p/a.segment');
    assert.deepEqual(diagnostics, [], name);
    const include = ast.segments[0].properties[0];
    assert.ok(include.kind === 'include' && include.expr.kind === 'presence', name);
    assert.equal(include.expr.attribute.text, name);
  }
});

test('code in messages uses double backticks when it holds a backtick', () => {
  assert.equal(inCode('age > 3'), '`age > 3`');
  assert.equal(inCode('`a b` = 1'), '`` `a b` = 1 ``');
});
