// The parser survives anything a user can type: random text, mutated valid
// documents, huge inputs. Every diagnostic points inside the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import { segmentLexer } from '../../../server/src/core/syntax/tokens';

const VALID = `# Autumn campaign
segment abandoned_cart {
  title "Abandoned cart"
  tags retargeting, email
  include
    cart_items > 0
    and last_cart_at within last 7 days
    and city in ("Oslo", "Bergen")
    and not did purchase where (amount >= 100) at least 2 times within last 7 days
  exclude segment existing_customers or email_opt_in = false
}
segment existing_customers {
  include purchase_count >= 1 and \`Preferred channel\` is present
}
`;

function assertSane(text: string): void {
  const { ast, diagnostics } = parseSegments(text, 'f.segment');
  for (const d of diagnostics) {
    assert.ok(d.span.start >= 0 && d.span.end <= text.length && d.span.start <= d.span.end, `span ${JSON.stringify(d.span)} outside ${text.length}`);
    assert.ok(d.message.length > 0);
  }
  for (const s of ast.segments) {
    assert.ok(s.span.start >= 0 && s.span.end <= text.length);
  }
}

const tokensOfValid = segmentLexer.tokenize(VALID).tokens.map((t) => t.image);

test('random text never throws and spans stay inside the document', () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => assertSane(s)), { numRuns: 500 });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => assertSane(s)), { numRuns: 300 });
});

test('mutated valid documents (deleted, duplicated, swapped tokens) never throw', () => {
  const mutation = fc.array(
    fc.record({ op: fc.constantFrom('delete', 'duplicate', 'swap', 'insert'), at: fc.nat(), other: fc.nat() }),
    { minLength: 1, maxLength: 8 },
  );
  fc.assert(
    fc.property(mutation, (ops) => {
      const toks = tokensOfValid.slice();
      for (const { op, at, other } of ops) {
        if (toks.length === 0) break;
        const i = at % toks.length;
        const j = other % toks.length;
        if (op === 'delete') toks.splice(i, 1);
        else if (op === 'duplicate') toks.splice(i, 0, toks[i]);
        else if (op === 'swap') [toks[i], toks[j]] = [toks[j], toks[i]];
        else toks.splice(i, 0, tokensOfValid[j % tokensOfValid.length]);
      }
      assertSane(toks.join(' '));
      assertSane(toks.join('\n'));
    }),
    { numRuns: 1000 },
  );
});

test('every prefix of a valid document parses without throwing (typing it out)', () => {
  for (let i = 0; i <= VALID.length; i++) assertSane(VALID.slice(0, i));
});

test('10,000 nested parentheses and 10,000 nots', () => {
  assertSane(`segment s { include ${'('.repeat(10_000)}a${')'.repeat(10_000)} }`);
  assertSane(`segment s { include ${'not '.repeat(10_000)}a }`);
  assertSane(`segment s { include ${'('.repeat(10_000)} }`);
});

test('a 1 MB line', () => {
  const conditions = Array.from({ length: 60_000 }, (_, i) => `a${i} > ${i}`).join(' and ');
  const text = `segment s { include ${conditions} }`;
  assert.ok(text.length > 1_000_000);
  const { ast, diagnostics } = parseSegments(text, 'f');
  assert.equal(diagnostics.length, 0);
  const inc = ast.segments[0].properties[0];
  assert.ok(inc.kind === 'include' && inc.expr.kind === 'and' && inc.expr.operands.length === 60_000);
  assertSane('x'.repeat(1_000_000));
  assertSane('"'.repeat(1_000_000));
});
