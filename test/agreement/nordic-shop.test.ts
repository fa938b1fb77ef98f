// The demo project end to end, three ways: every segment of samples/nordic-shop
// (and every condition inside each one) must select exactly the same profile
// ids in the evaluator, in DuckDB and in PostgreSQL, with the data loaded from
// the same SampleStore and the SQL compiled for each dialect.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { AgreementEngines, disagreement } from './engines';
import { agreementData, checkExtra, conditionSegments, DEMO_ROOT, loadProject, segmentErrors } from './project';

const project = loadProject(DEMO_ROOT);
const data = agreementData(project);
let engines: AgreementEngines;

before(async () => {
  engines = await AgreementEngines.open(data);
});

after(async () => {
  await engines?.close();
});

describe('nordic-shop: both engines hold the sample the evaluator sees', () => {
  test('the same profiles and the same events', async () => {
    const { profiles, events } = data.store;
    const duckdb = await engines.duckdb.queryValue('SELECT count(*) FROM profiles');
    const postgres = await engines.postgres.client.query('SELECT (SELECT count(*) FROM profiles) AS p, (SELECT count(*) FROM events) AS e');
    assert.equal(Number(duckdb), profiles.count);
    assert.equal(Number(postgres.rows[0].p), profiles.count);
    assert.equal(Number(await engines.duckdb.queryValue('SELECT count(*) FROM events')), events!.count);
    assert.equal(Number(postgres.rows[0].e), events!.count);
    assert.equal(profiles.count, 5000);
  });

  test('the demo segments have no errors', () => {
    assert.deepEqual(segmentErrors(project), []);
    assert.equal(project.analysis.segmentsById.size, 58);
  });
});

describe('nordic-shop: every segment has the same members in the evaluator, DuckDB and PostgreSQL', () => {
  for (const file of project.analysis.files) {
    for (const decl of file.ast.segments) {
      const id = decl.id!.text;
      test(`${basename(file.path)}: ${id}`, async () => {
        const sets = await engines.members(decl, project.analysis.segmentsById);
        const problem = disagreement(`segment ${id}`, sets);
        if (problem) assert.fail(problem);
      });
    }
  }

  test('the demo segments are not trivially empty or full', async () => {
    const total = data.store.profiles.count;
    let inBetween = 0;
    for (const decl of project.analysis.segmentsById.values()) {
      const n = (await engines.members(decl, project.analysis.segmentsById)).evaluator.length;
      if (n > 0 && n < total) inBetween++;
    }
    assert.ok(inBetween >= 40, `only ${inBetween} of ${project.analysis.segmentsById.size} segments have some but not all profiles`);
  });
});

describe('nordic-shop: every condition inside every segment agrees on its own', () => {
  test('each operand of each and / or / not, down to single tests', async () => {
    const pieces: string[] = [];
    for (const file of project.analysis.files) {
      for (const decl of file.ast.segments) pieces.push(...conditionSegments(file.text, decl, `part_${decl.id!.text}`));
    }
    const checked = checkExtra(project, pieces.join('\n'));
    assert.deepEqual(checked.invalid, [], 'every condition of a valid segment is valid on its own');
    assert.ok(checked.valid.length >= 100, `only ${checked.valid.length} conditions`);
    const problems: string[] = [];
    for (const decl of checked.valid) {
      const problem = disagreement(`condition ${decl.id!.text}`, await engines.members(decl, checked.segmentsById));
      if (problem) problems.push(problem);
    }
    if (problems.length > 0) assert.fail(problems.join('\n\n'));
  });
});
