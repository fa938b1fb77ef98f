// The golden segments (test/golden/sql/segments.segment: every condition form,
// references, events, hostile names and strings) on a generated project whose
// schema is the golden catalog: every segment, and every condition inside each
// one, must select the same ids in the evaluator, DuckDB and PostgreSQL.
// Segments whose id starts with `today_` count from today, as in the golden
// files; the others from the project's asOf (2026-11-01).
//
// `comparisons` holds `city between "A" and "M"`, which the checker reports
// (between is for numbers and dates); the evaluator and the SQL still give it
// its natural meaning, and must agree on it like on the rest.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { AgreementEngines, disagreement } from './engines';
import { GOLDEN_ABSENT_ATTRIBUTE, writeGoldenProject } from './golden-data';
import { agreementData, checkExtra, conditionSegments, loadProject } from './project';

const root = writeGoldenProject();
const project = loadProject(root);
const data = agreementData(project);
const [file] = project.analysis.files;
let engines: AgreementEngines;

before(async () => {
  engines = await AgreementEngines.open(data);
});

after(async () => {
  await engines?.close();
  rmSync(root, { recursive: true, force: true });
});

const isToday = (id: string) => id.startsWith('today_');

describe('golden segments on generated data', () => {
  test('the data loaded as written: an attribute declared but absent, orphan and timeless events dropped', () => {
    assert.equal(data.store.profiles.count, 600);
    assert.equal(data.store.profiles.columns.has(GOLDEN_ABSENT_ATTRIBUTE), false);
    assert.ok(data.catalog.attributes.has(GOLDEN_ABSENT_ATTRIBUTE));
    assert.ok(data.store.events!.orphanCount > 0);
    assert.ok(data.store.events!.count > 3000);
  });

  for (const decl of file.ast.segments) {
    const id = decl.id!.text;
    test(id, async () => {
      const sets = await engines.members(decl, project.analysis.segmentsById, { asOf: isToday(id) ? 'today' : undefined });
      const problem = disagreement(`golden segment ${id}`, sets);
      if (problem) assert.fail(problem);
    });
  }

  test('every condition inside every golden segment', async () => {
    const pieces = file.ast.segments.flatMap((decl) => conditionSegments(file.text, decl, `${decl.id!.text}_part`));
    // Conditions the checker rejects (the text `between`) are compared too: both sides still run them.
    const checked = checkExtra(project, pieces.join('\n'));
    assert.equal(checked.valid.length + checked.invalid.length, pieces.length);
    const problems: string[] = [];
    let nonTrivial = 0;
    for (const decl of checked.segmentsById.values()) {
      const id = decl.id!.text;
      if (!id.includes('_part_')) continue;
      const sets = await engines.members(decl, checked.segmentsById, { asOf: isToday(id) ? 'today' : undefined });
      const problem = disagreement(`condition ${id}`, sets);
      if (problem) problems.push(problem);
      if (sets.evaluator.length > 0 && sets.evaluator.length < data.store.profiles.count) nonTrivial++;
    }
    if (problems.length > 0) assert.fail(problems.join('\n\n'));
    // The data is made so that most single conditions split the profiles.
    assert.ok(nonTrivial >= 50, `only ${nonTrivial} conditions select some but not all profiles`);
  });
});
