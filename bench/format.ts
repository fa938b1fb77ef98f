// Benchmark (not a test): the formatter's wall-clock time on large files, and
// how it grows with their size (the timings that used to be assertions in
// test/core/format; the test now proves linearity by counting layout steps).
// Three shapes, each at 2,500 and 10,000 lines: ordinary blocks, one block
// with a 10,000-operand condition, one 10,000-value list. Best of `--runs`,
// JIT-warm.
//
//   npx tsx bench/format.ts [--runs 5]
import { loadavg } from 'node:os';
import { formatSegmentsWithReport } from '../server/src/core/format/format';

const at = process.argv.indexOf('--runs');
const runs = at >= 0 ? Number(process.argv[at + 1]) : 5;

function block(i: number): string {
  return `segment s${i} {\n  title "Segment ${i}" # why\n  # the audience\n  include   age>=18 and city in ("Oslo","Bergen")\n    and (did purchase where (amount > ${i}) at least 3 times within last 30 days or vip)\n  exclude segment s${i + 1}\n}\n`;
}
const shapes: [string, (n: number) => string][] = [
  ['ordinary blocks (lines)', (n) => Array.from({ length: Math.ceil(n / 8) }, (_, i) => block(i)).join('\n')],
  ['one condition (operands)', (n) => `segment big {\n  include\n${Array.from({ length: n }, (_, i) => `    ${i === 0 ? '' : 'and '}a${i} > ${i}`).join('\n')}\n}\n`],
  ['one list (values)', (n) => `segment big { include city in (${Array.from({ length: n }, (_, i) => `"c${i}"`).join(',')}) }`],
];

function best(text: string): { ms: number; steps: number } {
  let ms = Number.POSITIVE_INFINITY;
  let steps = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    steps = formatSegmentsWithReport(text).layoutSteps;
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, steps };
}

console.log(`formatter, best of ${runs}; load average ${loadavg()[0].toFixed(2)} (2 cores, shared)\n`);
console.log('shape                       n=2,500 ms   n=10,000 ms   time ×   layout steps ×');
for (const [name, make] of shapes) {
  best(make(2_500)); // warm the JIT
  const small = best(make(2_500));
  const large = best(make(10_000));
  console.log(`${name.padEnd(27)} ${small.ms.toFixed(1).padStart(10)} ${large.ms.toFixed(1).padStart(13)} ${(large.ms / small.ms).toFixed(2).padStart(8)} ${(large.steps / small.steps).toFixed(2).padStart(16)}`);
}
