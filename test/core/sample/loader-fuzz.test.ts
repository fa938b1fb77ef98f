// The loaders of user data on hostile input (issue 12): random and mutated
// samples, configs and schemas (test/support/loader-fuzz.ts). No exception
// escapes, every diagnostic names its file and a line in it, and the store
// holds memory proportional to the input. bench/fuzz-loaders.ts runs ten
// times as many cases and records their time.
import { after, test } from 'node:test';
import fc from 'fast-check';
import { checkCase, fuzzCase, removeFuzzFolder } from '../../support/loader-fuzz';

after(removeFuzzFolder);

test('random and mutated samples, configs and schemas: no exception, every diagnostic placed, memory proportional to input', () => {
  fc.assert(
    fc.property(fuzzCase, (c) => {
      checkCase(c);
    }),
    { numRuns: 300, seed: Number(process.env.FUZZ_SEED ?? 12), endOnFailure: true },
  );
});
