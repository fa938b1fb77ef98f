// The loader fuzz of `npm test` (test/core/sample/loader-fuzz.test.ts) run
// ten times longer, with the time of every case: hostile samples, configs and
// schemas (test/support/loader-fuzz.ts). Asserts the same properties (no
// exception, every diagnostic placed, memory proportional to input) and
// prints how long cases took against their size, the slowest cases, and
// which diagnostics the inputs raised. Exits 1 when a property fails or a
// case takes longer than the time bound below.
//
//   npx tsx bench/fuzz-loaders.ts [--runs 3000] [--seed 12]
import { loadavg } from 'node:os';
import fc from 'fast-check';
import { checkCase, fuzzCase, removeFuzzFolder, type FuzzCase } from '../test/support/loader-fuzz';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** A case may take 250 ms plus 2 s per MB of input: generous on a loaded 2-core machine, far below what a quadratic step costs on the 120k-character cells. */
const TIME_BASE_MS = 250;
const TIME_PER_MB_MS = 2_000;

const runs = option('runs', 3_000);
const seed = option('seed', 12);
const timings: { kind: string; bytes: number; ms: number }[] = [];
const codes = new Map<string, number>();
let failure: unknown;
const started = performance.now();
const loadBefore = loadavg()[0];
try {
  fc.assert(
    fc.property(fuzzCase, (c: FuzzCase) => {
      const t0 = performance.now();
      const found = checkCase(c);
      const ms = performance.now() - t0;
      timings.push({ kind: c.kind, bytes: c.bytes.length, ms });
      for (const code of found) codes.set(code, (codes.get(code) ?? 0) + 1);
      const bound = TIME_BASE_MS + (TIME_PER_MB_MS * c.bytes.length) / 1_048_576;
      if (ms > bound) throw new Error(`a ${c.kind} case of ${c.bytes.length} bytes took ${ms.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
} catch (e) {
  failure = e;
} finally {
  removeFuzzFolder();
}
const total = performance.now() - started;

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`cases: ${timings.length} (seed ${seed}); total ${(total / 1000).toFixed(1)} s; load average ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)} (2 cores, shared)`);
console.log('\nkind     cases   input MB   median ms   p99 ms   max ms   max ms/MB (cases ≥ 64 KB)');
for (const kind of ['csv', 'jsonl', 'events', 'config', 'schema']) {
  const rows = timings.filter((t) => t.kind === kind);
  if (rows.length === 0) continue;
  const ms = rows.map((t) => t.ms).sort((a, b) => a - b);
  const big = rows.filter((t) => t.bytes >= 65_536);
  const perMb = big.length ? Math.max(...big.map((t) => t.ms / (t.bytes / 1_048_576))) : NaN;
  const mb = rows.reduce((a, t) => a + t.bytes, 0) / 1_048_576;
  console.log(`${kind.padEnd(7)} ${pad(rows.length, 6)} ${pad(mb.toFixed(1), 10)} ${pad(ms[Math.floor(ms.length / 2)].toFixed(1), 11)} ${pad(ms[Math.floor(ms.length * 0.99)].toFixed(1), 8)} ${pad(ms[ms.length - 1].toFixed(0), 8)} ${pad(Number.isNaN(perMb) ? '–' : perMb.toFixed(0), 10)}`);
}
console.log('\nslowest cases:');
for (const t of [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`  ${t.kind.padEnd(7)} ${pad(t.bytes, 8)} bytes  ${t.ms.toFixed(0)} ms`);
console.log(`\ndiagnostics raised (${codes.size} codes): ${[...codes].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
if (failure) {
  console.error(`\nFAILED: ${failure instanceof Error ? failure.message : String(failure)}`);
  process.exit(1);
}
