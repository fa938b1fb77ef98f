// Test sources mark where a diagnostic must point with ⟦ and ⟧ around the text.
// `extractMarked` removes the markers and returns the clean text and the span.
import type { Span } from '../../server/src/core/base/span';

export function extractMarked(source: string): { text: string; span: Span } {
  const start = source.indexOf('⟦');
  const end = source.indexOf('⟧');
  if (start < 0 || end < start) throw new Error(`test source needs ⟦…⟧ markers: ${source}`);
  const text = source.slice(0, start) + source.slice(start + 1, end) + source.slice(end + 1);
  return { text, span: { start, end: end - 1 } };
}
