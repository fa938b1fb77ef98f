// Runs table-driven checker cases: each source is parsed with the real parser
// (and must have no syntax errors), checked, and must give exactly one
// diagnostic with the expected code, severity, message and place, and, when
// given, a first fix that turns the source into the expected text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog } from '../../../server/src/core/sample/catalog-types';
import { extractMarked } from '../../support/markers';
import { applyEdits, checkSources, segmentWith, syntaxErrors, type Case } from './fixtures';

const FILE = '/p/test.segment';

export function runCases(cases: Case[], catalog: Catalog | undefined): void {
  for (const c of cases) {
    test(`${c.code}: ${c.source.replace(/\s+/g, ' ')}`, () => {
      const marked = c.whole ? c.source : segmentWith(c.source);
      const { text, span } = extractMarked(marked);
      assert.deepEqual(syntaxErrors(text).map((d) => d.message), [], 'the test source must parse cleanly');
      const found = checkSources([{ path: FILE, text }], catalog);
      assert.equal(found.length, 1, `expected one diagnostic, got: ${found.map((d) => `${d.code}: ${d.message}`).join(' | ')}`);
      const [d] = found;
      assert.equal(d.code, c.code);
      assert.equal(d.severity, c.severity);
      assert.equal(d.message, c.message);
      assert.equal(d.file, FILE);
      assert.deepEqual(d.span, span, `points at ${JSON.stringify(text.slice(d.span.start, d.span.end))}`);
      if (c.fixed === undefined) {
        assert.equal(d.fixes, undefined, 'no fix expected');
      } else {
        assert.ok(d.fixes && d.fixes.length > 0, 'a fix is expected');
        const expected = c.whole ? c.fixed : segmentWith(c.fixed);
        assert.equal(applyEdits(text, d.fixes[0].edits), expected);
      }
    });
  }
}
