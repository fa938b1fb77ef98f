// The TextMate grammar tokenised by the engine VS Code itself uses
// (vscode-textmate + vscode-oniguruma, taken from the code-server install in
// the e2e cache, so the repository needs no extra dependency): each case says
// which scope a piece of a line must get.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface TextMateModule {
  Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar(scopeName: string): Promise<unknown>;
  }) => { loadGrammar(scopeName: string): Promise<Grammar | null> };
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath: string): unknown;
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}
interface OnigModule {
  loadWASM(data: ArrayBuffer): Promise<void>;
  createOnigScanner(patterns: string[]): unknown;
  createOnigString(text: string): unknown;
}

/** [lines of the document, line index, text of the token, the scope it must have (or `!scope`: must not have)] */
type Case = [string[], number, string, string];

const CASES: Case[] = [
  [['# a comment with segment and "quotes"'], 0, '# a comment with segment and "quotes"', 'comment.line.number-sign.segment'],
  [['segment abandoned_cart {'], 0, 'segment', 'storage.type.segment.segment'],
  [['segment abandoned_cart {'], 0, 'abandoned_cart', 'entity.name.type.segment.segment'],
  [['segment `odd name` {'], 0, '`odd name`', 'entity.name.type.segment.segment'],
  [['segment a {', '  title "Abandoned \\"cart\\""'], 1, 'title', 'keyword.other.property.segment'],
  [['segment a {', '  title "Abandoned \\"cart\\""'], 1, '\\"', 'constant.character.escape.segment'],
  [['segment a {', '  title "Abandoned \\"cart\\""'], 1, 'Abandoned ', 'string.quoted.double.segment'],
  [['segment a {', '  title "bad \\q escape"'], 1, '\\q', 'invalid.illegal.unrecognized-string-escape.segment'],
  [['segment a {', '  include age between 18 and 30'], 1, 'include', 'keyword.other.property.segment'],
  [['segment a {', '  include age between 18 and 30'], 1, 'between', 'keyword.other.condition.segment'],
  [['segment a {', '  include age between 18 and 30'], 1, 'and', 'keyword.operator.logical.segment'],
  [['segment a {', '  include age between 18 and 30'], 1, '18', 'constant.numeric.segment'],
  [['segment a {', '  include age between 18 and 30'], 1, 'age', 'variable.other.attribute.segment'],
  [['segment a {', '  include score > -3.5'], 1, '-3.5', 'constant.numeric.segment'],
  [['segment a {', '  include score >= 1'], 1, '>=', 'keyword.operator.comparison.segment'],
  [['segment a {', '  include signup_at after 2026-01-31'], 1, '2026-01-31', 'constant.numeric.date.segment'],
  [['segment a {', '  include seen_at before 2026-01-31T08:00:00Z'], 1, '2026-01-31T08:00:00Z', 'constant.numeric.datetime.segment'],
  [['segment a {', '  include last_cart_at within last 7 days'], 1, 'days', 'keyword.other.unit.segment'],
  [['segment a {', '  include last_cart_at within last 7 days'], 1, '7', 'constant.numeric.integer.segment'],
  [['segment a {', '  include last_cart_at within last 7 days'], 1, 'within', 'keyword.other.condition.segment'],
  [['segment a {', '  include and not did purchase within last 7 days'], 1, 'purchase', 'entity.name.function.event.segment'],
  [['segment a {', '  include did not purchase'], 1, 'did', 'keyword.control.did.segment'],
  [['segment a {', '  include sum of purchase.amount within last 90 days > 5000'], 1, 'purchase', 'entity.name.function.event.segment'],
  [['segment a {', '  include sum of purchase.amount within last 90 days > 5000'], 1, 'sum', 'keyword.other.condition.segment'],
  [['segment a {', '  include distinct count of "Order Completed".revenue >= 2'], 1, '"Order Completed"', 'entity.name.function.event.segment'],
  [['segment a {', '  include did cart then did not purchase within 2 hours with same product_id'], 1, 'then', 'keyword.other.condition.segment'],
  [['segment a {', '  include did cart then did not purchase within 2 hours with same product_id'], 1, 'purchase', 'entity.name.function.event.segment'],
  [['segment a {', '  include did cart then did not purchase within 2 hours with same product_id'], 1, 'hours', 'keyword.other.unit.segment'],
  [['segment a {', '  include first did purchase between 30 and 90 days ago'], 1, 'first', 'keyword.other.condition.segment'],
  [['segment a {', '  include did not purchase'], 1, 'purchase', 'entity.name.function.event.segment'],
  [['segment a {', '  include did "Order Completed" at least 2 times'], 1, '"Order Completed"', 'entity.name.function.event.segment'],
  [['segment a {', '  include did product_view where (category = "shoes")'], 1, 'category', 'variable.other.attribute.segment'],
  [['segment a {', '  exclude segment existing_customers or email_opt_in = false'], 1, 'existing_customers', 'entity.name.type.segment.segment'],
  [['segment a {', '  exclude segment existing_customers or email_opt_in = false'], 1, 'false', 'constant.language.boolean.segment'],
  [['segment a {', '  include `Preferred channel` != "none"'], 1, '`Preferred channel`', 'variable.other.quoted.segment'],
  [['segment a {', '  include city in ("Oslo", "Bergen")'], 1, '(', 'punctuation.section.parens.begin.segment'],
  [['segment a {', '  include city in ("Oslo", "Bergen")'], 1, ',', 'punctuation.separator.comma.segment'],
  [['segment a {', '  include geo.city = "Oslo"'], 1, 'geo', 'variable.other.attribute.segment'],
  // Contextual keywords: an attribute called `last` compared with `=` is a name, not a keyword.
  [['segment a {', '  include last = 1'], 1, 'last', '!keyword.other.condition.segment'],
  [['segment a {', '  include x = 1 # trailing comment'], 1, '# trailing comment', 'comment.line.number-sign.segment'],
  [['segment a {', '  include x = "unterminated', '  exclude y'], 2, 'exclude', 'keyword.other.property.segment'],
  [['segment a {', '  include x', '}', 'segment b {'], 3, 'b', 'entity.name.type.segment.segment'],
];

export async function checkGrammar(root: string, codeServerEntry: string, say: (line: string) => void): Promise<{ passed: number; failed: number }> {
  const vscodeModules = join(dirname(codeServerEntry), '..', '..', 'lib', 'vscode', 'node_modules');
  const req = createRequire(join(vscodeModules, 'noop.js'));
  const textmate = req('vscode-textmate') as TextMateModule;
  const onig = req('vscode-oniguruma') as OnigModule;
  const wasm = readFileSync(join(vscodeModules, 'vscode-oniguruma', 'release', 'onig.wasm'));
  const grammarPath = join(root, 'syntaxes', 'segment.tmLanguage.json');
  const registry = new textmate.Registry({
    onigLib: onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer).then(() => ({
      createOnigScanner: (p: string[]) => onig.createOnigScanner(p),
      createOnigString: (s: string) => onig.createOnigString(s),
    })),
    loadGrammar: async (scope) => (scope === 'source.segment' ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null),
  });
  let passed = 0;
  let failed = 0;
  const grammar = await registry.loadGrammar('source.segment');
  if (!grammar) throw new Error('the grammar did not load');
  for (const [lines, lineNo, piece, expected] of CASES) {
    let state = textmate.INITIAL;
    let tokens: { startIndex: number; endIndex: number; scopes: string[] }[] = [];
    for (let i = 0; i <= lineNo; i++) {
      const r = grammar.tokenizeLine(lines[i], state);
      state = r.ruleStack;
      tokens = r.tokens;
    }
    const line = lines[lineNo];
    const at = line.indexOf(piece);
    const covering = tokens.filter((t) => t.startIndex < at + piece.length && t.endIndex > at);
    const negate = expected.startsWith('!');
    const scope = negate ? expected.slice(1) : expected;
    const has = covering.length > 0 && covering.every((t) => t.scopes.includes(scope));
    const ok = at >= 0 && has !== negate;
    if (ok) passed++;
    else {
      failed++;
      const got = covering.map((t) => `${JSON.stringify(line.slice(t.startIndex, t.endIndex))}: ${t.scopes.join(' ')}`).join('; ');
      say(`[grammar] FAILED ${JSON.stringify(piece)} in ${JSON.stringify(line)} should ${negate ? 'not ' : ''}be ${scope}; got ${got}`);
    }
  }
  return { passed, failed };
}
