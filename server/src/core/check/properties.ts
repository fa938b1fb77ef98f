// The block rules (docs/language.md#segments): `include` is required, and every property is
// given at most once.
import type { SegmentDecl } from '../syntax/ast';
import type { Span } from '../base/span';
import type { Reporter } from './context';

const ONCE_ADVICE: Record<string, string> = {
  include: 'join the conditions with `and` or `or` in one `include`',
  exclude: 'join the conditions with `or` in one `exclude`',
  tags: 'list every tag in one `tags`, separated by commas',
};

export function checkProperties(decl: SegmentDecl, r: Reporter): void {
  // A handful of properties per block: a list is cheaper than a map.
  const first: { kind: string; span: Span }[] = [];
  for (const prop of decl.properties) {
    const seen = first.find((f) => f.kind === prop.kind)?.span;
    if (!seen) {
      first.push({ kind: prop.kind, span: prop.keywordSpan });
      continue;
    }
    const advice = ONCE_ADVICE[prop.kind] ?? `keep one \`${prop.kind}\``;
    r.report('duplicate-property', prop.keywordSpan, `\`${prop.kind}\` is given twice in this segment; ${advice}`, {
      related: [{ file: r.file, span: seen, message: `the first \`${prop.kind}\`` }],
    });
  }
  // With a syntax error in the block the `include` may be there but unreadable.
  if (!first.some((f) => f.kind === 'include') && !decl.hasSyntaxError) {
    const span = decl.id?.span ?? { start: decl.span.start, end: Math.min(decl.span.end, decl.span.start + 'segment'.length) };
    const name = decl.id ? `segment \`${decl.id.text}\`` : 'this segment';
    r.report('missing-include', span, `${name} has no \`include\`, so nobody is in it; add \`include\` followed by the conditions for who is in`);
  }
}
