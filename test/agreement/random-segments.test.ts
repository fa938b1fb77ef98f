// Random segments over the demo project's schema, written as text, parsed by
// the real parser and checked by the real checker: each valid one must select
// the same ids in the evaluator, DuckDB and PostgreSQL. The seed is fixed so CI
// is deterministic; on failure fast-check prints the seed and the shrunk
// segment text, and the message shows which ids each engine has extra or lacks.
// Segments the checker rejects are skipped and counted: they must stay few.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AgreementEngines, disagreement } from './engines';
import { agreementData, checkExtra, DEMO_ROOT, loadProject } from './project';
import { buildVocabulary, segmentArb } from './segment-generator';

// Fixed for CI; set AGREEMENT_SEED / AGREEMENT_RUNS to explore further locally.
const SEED = Number(process.env.AGREEMENT_SEED ?? 20261101);
const RUNS = Number(process.env.AGREEMENT_RUNS ?? 400);

const project = loadProject(DEMO_ROOT);
const data = agreementData(project);
// Mostly the project's asOf; also month ends (where `3 months` back is clamped),
// a leap day, and today (no asOf: the SQL uses the engine's current date).
// Date values come from the fixed days only, so the segment texts are the same on every run.
const FIXED_AS_OFS = [data.asOf!, '2026-05-31', '2026-03-31', '2028-02-29', '2026-12-31'];
const AS_OFS = [...FIXED_AS_OFS, data.asOf!, data.asOf!, 'today'];
const vocabulary = buildVocabulary(data.store, data.catalog, FIXED_AS_OFS, [...project.analysis.segmentsById.keys()]);
let engines: AgreementEngines;

before(async () => {
  engines = await AgreementEngines.open(data);
});

after(async () => {
  await engines?.close();
});

test(`${RUNS} random segments over the demo schema agree in the evaluator, DuckDB and PostgreSQL (seed ${SEED})`, async (t) => {
  const rejected = new Map<string, number>();
  let valid = 0;
  let split = 0;
  await fc.assert(
    fc.asyncProperty(segmentArb(vocabulary, 'random_segment'), fc.constantFrom(...AS_OFS), async (text, asOf) => {
      const checked = checkExtra(project, text);
      if (checked.valid.length === 0) {
        const reason = checked.invalid[0]?.message.replace(/`[^`]*`|"[^"]*"/g, '…') ?? 'no segment';
        rejected.set(reason, (rejected.get(reason) ?? 0) + 1);
        return;
      }
      valid++;
      const sets = await engines.members(checked.valid[0], checked.segmentsById, { asOf });
      if (sets.evaluator.length > 0 && sets.evaluator.length < data.store.profiles.count) split++;
      const problem = disagreement(`generated segment, as of ${asOf}:\n${text}`, sets);
      if (problem) assert.fail(problem);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  const invalid = RUNS - valid;
  const reasons = [...rejected].sort((x, y) => y[1] - x[1]).map(([m, n]) => `${n}× ${m}`).join('\n');
  assert.ok(valid >= RUNS * 0.8, `only ${valid} of ${RUNS} generated segments were valid; rejected:\n${reasons}`);
  // Most generated segments must select some profiles but not all, or the comparison proves little.
  assert.ok(split >= valid * 0.5, `only ${split} of ${valid} valid segments select some but not all profiles`);
  t.diagnostic(`valid ${valid}, some-but-not-all ${split}, rejected ${invalid}:\n${reasons}`);
});
