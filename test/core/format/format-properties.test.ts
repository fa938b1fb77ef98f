// Property tests: for random valid documents (random conditions of every form,
// random comments and whitespace between any two tokens) and for random
// mutations of them, the formatter never throws, is idempotent, keeps every
// token and comment in order, and never needs its own safety guard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IToken } from 'chevrotain';
import { formatSegments, formatSegmentsWithReport } from '../../../server/src/core/format/format';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import { segmentLexer } from '../../../server/src/core/syntax/tokens';
import { documentTokens, joinTokens, mutatedDocument, validDocument } from './segment-arbitrary';

/** Tokens, comments (without trailing blanks) and unlexable characters, in file order. */
function visibleText(text: string): string[] {
  const lexed = segmentLexer.tokenize(text);
  const pieces: { at: number; text: string }[] = [
    ...lexed.tokens.map((t: IToken) => ({ at: t.startOffset, text: `${t.tokenType.name}:${t.image}` })),
    ...(lexed.groups.comments ?? []).map((t: IToken) => ({ at: t.startOffset, text: `#:${t.image.replace(/[ \t]+$/, '')}` })),
    ...lexed.errors.map((e) => ({ at: e.offset, text: `?:${text.slice(e.offset, e.offset + e.length)}` })),
  ];
  return pieces.sort((a, b) => a.at - b.at).map((p) => p.text);
}

/** Everything but the whitespace the formatter may change. */
function nonBlank(text: string): string {
  return text.replace(/[ \t\r\n\f\v\u00a0\ufeff]/g, '');
}

function assertFormatterContract(input: string): string {
  const report = formatSegmentsWithReport(input);
  assert.equal(report.guardTripped, false, 'the token guard had to step in');
  const out = report.text;
  assert.deepEqual(visibleText(out), visibleText(input), 'a token or comment was lost, added or moved');
  assert.equal(nonBlank(out), nonBlank(input), 'non-whitespace text changed');
  assert.equal(formatSegments(out), out, 'formatting twice changed the text');
  if (out !== '') assert.match(out, /[^\r\n](\r\n|\n)$/, 'the file must end with exactly one line ending');
  return out;
}

test('the generator makes documents without syntax errors', () => {
  fc.assert(
    fc.property(validDocument, (doc) => {
      const { ast, diagnostics } = parseSegments(doc, '/p/a.segment');
      const syntax = diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(syntax.map((d) => d.message), [], doc);
      assert.ok(ast.segments.every((s) => !s.hasSyntaxError));
    }),
    { numRuns: 200 },
  );
});

test('valid documents: never throws, idempotent, keeps every token and comment, lays out every block', () => {
  fc.assert(
    fc.property(validDocument, (doc) => {
      assertFormatterContract(doc);
      assert.equal(formatSegmentsWithReport(doc).blocksLeftAsWritten, 0, 'a correct block was left as written');
    }),
    { numRuns: 300 },
  );
});

test('valid documents: formatted lines have no trailing blanks, indentation is spaces, properties are indented', () => {
  fc.assert(
    fc.property(validDocument, (doc) => {
      const out = formatSegments(doc);
      for (const line of out.split(/\r?\n/)) {
        assert.doesNotMatch(line, /[ \t]$/, `trailing blank in ${JSON.stringify(line)}`);
        assert.doesNotMatch(line, /^ *\t/, 'indentation uses spaces');
        // Column 0 holds only `segment`, `}`, comments, or a segment id a comment pushed down
        // (the generator uses `title` as an id, never the other property keywords).
        if (/^(include|exclude|description|owner|tags)\b/.test(line)) {
          assert.fail(`property at column 0: ${JSON.stringify(line)}`);
        }
      }
    }),
    { numRuns: 200 },
  );
});

test('without comments or blank lines, the output does not depend on the input whitespace', () => {
  const plainSeparator = fc.constantFrom(' ', '\n', '\t', '   ', '\n    ', '');
  fc.assert(
    fc.property(
      documentTokens.chain((tokens) =>
        fc.tuple(
          fc.constant(tokens),
          fc.array(plainSeparator, { minLength: tokens.length + 1, maxLength: tokens.length + 1 }),
        ),
      ),
      ([tokens, separators]) => {
        const spaced = joinTokens(tokens, tokens.map(() => ' ').concat(' '));
        assert.equal(formatSegments(joinTokens(tokens, separators)), formatSegments(spaced));
      },
    ),
    { numRuns: 200 },
  );
});

test('mutated documents (tokens deleted, duplicated, swapped; junk inserted): same contract', () => {
  fc.assert(
    fc.property(mutatedDocument, (doc) => {
      assertFormatterContract(doc);
    }),
    { numRuns: 400 },
  );
});

test('arbitrary text: never throws and never loses a character', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      assertFormatterContract(text);
    }),
    { numRuns: 500 },
  );
});
