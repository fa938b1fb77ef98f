// `between` with its ends the wrong way round. The range is inclusive and read
// low-to-high, so `age between 40 and 20` matches nobody: an error (a definition
// that cannot do what it says), fixed by swapping the ends.
import type { Literal } from '../syntax/ast';
import type { Reporter } from './context';
import { isRecovered, literalDay } from './literals';

/** Orders two literals of the same kind as the evaluator does; undefined when they cannot be compared. */
function order(low: Literal, high: Literal): number | undefined {
  if (low.kind === 'number' && high.kind === 'number') return low.value - high.value;
  const a = literalDay(low);
  const b = literalDay(high);
  return a !== undefined && b !== undefined ? a - b : undefined;
}

export function checkBetween(low: Literal, high: Literal, r: Reporter): void {
  if (isRecovered(low) || isRecovered(high)) return;
  const o = order(low, high);
  if (o === undefined || !(o > 0)) return;
  const span = { start: low.span.start, end: high.span.end };
  r.report(
    'empty-range',
    span,
    `\`between ${low.raw} and ${high.raw}\` matches nothing: the lower end comes first, as in \`between ${high.raw} and ${low.raw}\``,
    {
      fixes: [
        {
          title: `Swap to \`between ${high.raw} and ${low.raw}\``,
          edits: [
            { span: low.span, newText: high.raw },
            { span: high.span, newText: low.raw },
          ],
        },
      ],
    },
  );
}
