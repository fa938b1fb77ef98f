// Values at the edges, where engines like to differ: doubles that need 17
// digits, text ordered by code point (case, accents, emoji, private-use
// characters), text holding tabs, line breaks, backslashes and `\N`, list items
// with commas, quotes, braces and `NULL`, date-times whose zone moves them to
// another UTC day, and events on the exact edges of windows. Each condition is
// one segment; the evaluator, DuckDB and PostgreSQL must select the same ids.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { makeProject } from '../support/cli';
import { csvText } from './csv-text';
import { AgreementEngines, disagreement } from './engines';
import { agreementData, checkExtra, loadProject } from './project';
import { isMissing } from '../../server/src/core/sample/store';

const schema = {
  attributes: {
    score: { type: 'number' },
    name: { type: 'string' },
    tags: { type: 'list' },
    seen: { type: 'date' },
    flag: { type: 'boolean' },
  },
  events: {
    visit: { properties: { page: { type: 'string' }, value: { type: 'number' } } },
    order: { properties: { page: { type: 'string' }, value: { type: 'number' } } },
    cart: { properties: { page: { type: 'string' }, value: { type: 'number' } } },
  },
};

const PROFILES: (string | null)[][] = [
  // id, score, name, tags, seen, flag
  ['e01', '0.013229220482609882', 'Oslo', 'a,b;c', '2026-10-31T23:30:00-02:00', 'true'],
  ['e02', '-0.11747057893185531', 'oslo', '{x};NULL', '2026-11-01T00:30:00+01:00', 'false'],
  ['e03', '0.30000000000000004', 'Ålesund', 'q"uote;back\\slash', '2026-11-01T23:59:59Z', null],
  ['e04', '0.3', 'Zürich', ' sp ace ;c', '2026-08-01', 'TRUE'],
  ['e05', '1049.3333333333333', 'Z', 'c', '2026-07-31T23:59:59Z', 'false'],
  ['e06', '1e21', 'a', null, '2026-11-02T00:00:00Z', 'true'],
  ['e07', '12345678901234567890', 'é', 'a,b;{x};c', '1900-01-01', null],
  ['e08', '-0', '😀', 'NULL', '9999-12-31', 'false'],
  ['e09', '5e-324', '\uE000', 'tab\there', '2026-10-02', 'true'],
  ['e10', '1.7976931348623157e308', 'tab\tx', 'c;a,b', '2026-10-01T23:59:59Z', 'false'],
  // The next double after e01's.
  ['e11', '0.013229220482609884', 'back\\slash', 'back\\slash', '2025-11-01', 'true'],
  ['e12', null, 'quote"d', null, null, null],
  ['e13', '0.1', 'percent%_', 'é;😀', '2026-05-31', 'true'],
  ['e14', '7', 'line\nbreak', 'x', '2026-02-28', 'false'],
  ['e15', '-3.5', ' spaced ', 'y', '2026-03-01', 'true'],
  ['e16', '2', 'NULL', 'z', '2026-11-01', 'false'],
  ['e17', '3', '\\N', '\\N', '2026-10-31', 'true'],
  ['e18', '4', 'Tromsø', 'ø', '2026-10-25', 'false'],
  ['e19', '5', null, null, null, null],
  ['e20', '6', 'x', 'a;;b', '2026-11-01', 'true'],
];

const EVENTS: (string | null)[][] = [
  // id, event, timestamp, page, value
  ['e01', 'visit', '2026-10-31T23:30:00-02:00', 'a\tb', '0.013229220482609882'],
  ['e01', 'visit', '2026-11-01T00:30:00+01:00', '/x?q=%_', '1'],
  ['e02', 'visit', '2026-11-01T23:59:59.999Z', 'line\nbreak', '-0.11747057893185531'],
  ['e02', 'visit', '2026-11-02T00:00:00Z', 'NULL', null],
  ['e03', 'visit', '2026-10-02T00:00:00Z', '\\N', '0.30000000000000004'],
  ['e03', 'visit', '2026-10-01T23:59:59Z', 'back\\slash', '2'],
  ['e04', 'visit', '2026-08-01T00:00:00Z', 'Oslo', '3'],
  ['e04', 'visit', '2026-07-31T23:59:59Z', 'oslo', '1049.3333333333333'],
  ['e05', 'visit', '2026-10-25 12:00:00', '😀', '1e21'],
  ['e05', 'Visit', '2026-10-25T12:00:00Z', 'Oslo', '4'],
  ['e06', 'visit', '2025-11-01T00:00:00Z', null, '5'],
  ['e07', 'visit', '2026-11-01T00:00:00+14:00', 'a', '6'],
  ['e08', 'visit', '2026-10-31T10:00:00-14:00', 'b', '7'],
  ['nobody', 'visit', '2026-10-31T10:00:00Z', 'x', '8'],
  // orders whose amounts sum exactly onto thresholds written with decimals
  ['e09', 'order', '2026-10-30T10:00:00Z', null, '0.10'],
  ['e09', 'order', '2026-10-30T11:00:00Z', null, '0.20'],
  ['e10', 'order', '2026-10-01T10:00:00Z', 'a', '0.1'],
  ['e10', 'order', '2026-10-02T10:00:00Z', 'b', '0.2'],
  ['e10', 'order', '2026-10-03T10:00:00Z', 'a', '0.30000000000000004'],
  ['e11', 'order', '2026-10-03T10:00:00Z', 'a', null],
  ['e12', 'order', '2026-10-04T10:00:00Z', null, '-0'],
  ['e12', 'order', '2026-10-05T10:00:00Z', null, '0'],
  ['e13', 'order', '2026-10-05T10:00:00Z', null, '1049.3333333333333'],
  ['e13', 'order', '2026-10-05T10:00:00Z', null, '0.0000005'],
  // sequences: an order exactly one day after the cart (in), one second later (out), at the same instant (no sequence)
  ['e14', 'cart', '2026-10-10T10:00:00Z', 'p1', null],
  ['e14', 'order', '2026-10-11T10:00:00Z', 'p1', null],
  ['e15', 'cart', '2026-10-10T10:00:00Z', 'p1', null],
  ['e15', 'order', '2026-10-11T10:00:01Z', 'p1', null],
  ['e16', 'cart', '2026-10-10T10:00:00Z', null, null],
  ['e16', 'order', '2026-10-10T10:00:00Z', null, null],
  // a cart ten minutes before the end of the asOf day: not yet abandoned
  ['e17', 'cart', '2026-11-01T23:50:00Z', null, null],
  // the same product viewed and ordered; a view without a product
  ['e18', 'visit', '2026-10-20T10:00:00Z', 'p1', null],
  ['e18', 'order', '2026-10-21T10:00:00Z', 'p1', null],
  ['e18', 'visit', '2026-10-25T10:00:00Z', null, null],
  // offsets and whole dates: 23:30 at −02:00 is 01:30 UTC; a whole date is midnight UTC
  ['e19', 'cart', '2026-10-31T23:30:00-02:00', 'p2', null],
  ['e19', 'order', '2026-11-01T02:00:00Z', 'p2', null],
  ['e19', 'cart', '2026-10-05', null, null],
  ['e19', 'order', '2026-10-05T23:59:59Z', null, null],
  // the order has no product: not the same as the cart's
  ['e20', 'cart', '2026-10-20T10:00:00Z', 'p2', null],
  ['e20', 'order', '2026-10-20T12:00:00Z', null, null],
];

const CONDITIONS = [
  // doubles that need 17 significant digits, and the extremes
  'score = 0.013229220482609882',
  'score >= 0.013229220482609882',
  'score < 0.013229220482609882',
  'score > 0.013229220482609882',
  'score = 0.013229220482609884',
  'score = -0.11747057893185531',
  'score <= -0.11747057893185531',
  'score = 0.30000000000000004',
  'score > 0.3',
  'score in (0.30000000000000004, 1049.3333333333333)',
  'score not in (0.3, 1049.3333333333333)',
  'score between 0.013229220482609882 and 1049.3333333333333',
  'score = 1e21',
  'score >= 12345678901234567890',
  'score = 12345678901234567000',
  'score = 0',
  'score < 0',
  'score = 5e-324',
  'score > 0 and score < 1e-300',
  'score > 1e308',
  'score = 1.7976931348623157e308',
  // text: code-point order, case, accents, emoji above U+FFFF against U+E000
  'name < "a"',
  'name >= "Z"',
  'name > "é"',
  'name < "\\uE000"',
  'name > "😀"',
  'name >= "\\uE000"',
  'name <= "Oslo"',
  'name > ""',
  'name in ("Oslo", "oslo")',
  'name != "Oslo"',
  'name not in ("Oslo", "NULL")',
  'name = "NULL"',
  'name = "\\\\N"',
  'name contains "\\\\"',
  'name contains "\\t"',
  'name contains "\\n"',
  'name contains "%_"',
  'name contains "\\""',
  'name starts with " "',
  'name starts with "\\\\"',
  'name ends with "😀"',
  'name ends with "ø"',
  'name ends with "d "',
  'name is missing',
  // lists: items with commas, braces, quotes, NULL and backslashes
  'tags contains "a,b"',
  'tags contains "{x}"',
  'tags contains "NULL"',
  'tags contains "q\\"uote"',
  'tags contains "back\\\\slash"',
  'tags contains "\\\\N"',
  'tags contains " sp ace "',
  'tags contains "tab\\there"',
  'tags contains "😀"',
  'tags contains any ("c", "ø")',
  'tags contains all ("a,b", "c")',
  'tags contains all ("a,b", "{x}", "c")',
  'tags is missing',
  'tags is present',
  'not (tags contains "c")',
  'tags contains ""',
  'flag > false',
  'flag <= true',
  // dates: date-times count by their UTC day; window edges from asOf 2026-11-01
  'seen = 2026-11-01',
  'seen = 2026-10-31',
  'seen = 2026-11-01T00:30:00+01:00',
  'seen within last 1 day',
  'seen within last 1 month',
  'seen within last 3 months',
  'seen within last 1 year',
  'seen more than 3 months ago',
  'seen more than 1 day ago',
  'seen before 2026-08-01T00:30:00+01:00',
  'seen after 2026-10-31',
  // relative ranges: the far end and the near end are both included
  'seen between 0 and 1 days ago',
  'seen between 1 and 1 day ago',
  'seen between 1 and 3 months ago',
  'seen between 0 and 1 year ago',
  'seen between 2026-07-31 and 2026-11-01',
  'seen > 9999-12-30',
  'seen < 1900-01-02',
  // booleans
  'flag',
  'not flag',
  'flag = false',
  'flag != true',
  'flag is missing',
  // events on the edges of windows, with edge values in where-filters
  'did visit within last 1 day',
  'did visit within last 30 days',
  'did visit within last 3 months',
  'did visit since 2026-11-01',
  'did visit since 2026-11-02',
  'did visit between 2026-07-31 and 2026-08-01',
  'did visit at least 2 times',
  'did visit exactly 1 time within last 1 year',
  'did visit at most 1 times within last 30 days',
  'did not visit within last 1 day',
  'did visit between 0 and 0 days ago',
  'did visit between 1 and 1 day ago',
  'did visit between 1 and 3 months ago',
  'did visit more than 1 day ago',
  'did visit more than 3 months ago',
  'did not visit more than 30 days ago',
  'did "Visit"',
  'did visit where (timestamp = 2026-10-31)',
  'did visit where (timestamp within last 1 day)',
  'did visit where (page = "a\\tb")',
  'did visit where (page contains "\\n")',
  'did visit where (page = "NULL")',
  'did visit where (page = "\\\\N")',
  'did visit where (page ends with "%_")',
  'did visit where (page < "a")',
  'did visit where (page is missing)',
  'did visit where (value = 0.013229220482609882)',
  'did visit where (value = -0.11747057893185531)',
  'did visit where (value = 0.30000000000000004 or value = 1049.3333333333333)',
  'did visit where (value >= 1e21)',
  'did visit where (not (value > 2))',
  // first and last: the filter applies before choosing; e01's first visit is on 2026-11-01 (UTC),
  // its later one too; e03's earliest (value 2) is 2026-10-01, its latest (0.3…) 2026-10-02
  'first did visit within last 1 day',
  'first did visit between 2026-10-01 and 2026-10-01',
  'first did visit where (value < 1) between 2026-10-02 and 2026-10-02',
  'last did visit where (value > 1) between 2026-10-01 and 2026-10-01',
  'last did visit within last 1 day',
  'last did visit more than 3 months ago',
  'not first did visit within last 30 days',
  'first did visit where (page is missing) since 2025-11-01',
  'last did "Visit" since 2026-01-01',
  // aggregates: exact decimal sums, averages compared without dividing, no values at all
  'sum of order.value >= 0.30',
  'sum of order.value = 0.3',
  'sum of order.value > 0.30',
  'sum of order.value < 0.30',
  'not sum of order.value >= 0.3',
  'sum of order.value between 0.3 and 0.6',
  'sum of order.value != 0',
  'sum of order.value = 0',
  'sum of order.value > 1049.333333',
  'sum of order.value >= 1049.3333335',
  'average of order.value = 0.2',
  'average of order.value >= 0.15',
  'average of order.value > 0.15',
  'average of order.value < 1',
  'not average of order.value < 1',
  'average of order.value between 0.15 and 0.2',
  'average of order.value = 0',
  'min of order.value <= 0.1',
  'min of order.value = 0',
  'max of order.value >= 0.3',
  'max of order.value = 0.3',
  'not min of order.value < 100',
  'not max of order.value > -100',
  'distinct count of order.value >= 2',
  'distinct count of order.value = 0',
  'distinct count of order.value = 1',
  'not distinct count of order.value >= 1',
  'distinct count of order.page = 2',
  'distinct count of visit.page >= 2',
  'distinct count of visit.timestamp >= 2',
  'sum of visit.value > 1e20',
  'sum of visit.value between 2 and 3',
  'average of visit.value between 0 and 1',
  'sum of visit.value within last 1 day > 0',
  'sum of visit.value between 0 and 1 days ago >= 1',
  'min of visit.value where (page is present) < 0',
  'max of visit.value since 2026-10-25 >= 4',
  'average of "Visit".value > 3',
  // sequences at their edges
  'did cart then did order within 1 day',
  'did cart then did order within 1439 minutes',
  'did cart then did order within 24 hours',
  'did cart then did order within 0 minutes',
  'did cart then did not order within 1 day',
  'did cart then did not order within 10 minutes',
  'did cart within last 1 day then did not order within 1 minute',
  'did cart within last 1 day then did not order within 10 minutes',
  'did visit then did order within 2 days with same page',
  'did visit then did not order within 2 days with same page',
  'did cart then did order within 1 day with same page',
  'did cart then did not order within 1 day with same page',
  'did visit then did cart within 30 days then did order within 1 day',
  'did visit where (page is present) then did order within 1 week then did not cart within 1 hour',
  'did not cart then did order within 1 day',
  'not (did cart since 2026-10-31 then did order within 1 hour)',
  'did cart between 2026-10-05 and 2026-10-05 then did order within 1 day',
  'did visit then did visit within 2 weeks with same timestamp',
];

const root = makeProject({
  'segments.config.json': JSON.stringify({ sample: 'users.csv', events: 'events.csv', schema: 'schema.json', asOf: '2026-11-01' }),
  'schema.json': JSON.stringify(schema),
  'users.csv': csvText(['user_id', 'score', 'name', 'tags', 'seen', 'flag'], PROFILES),
  'events.csv': csvText(['user_id', 'event', 'timestamp', 'page', 'value'], EVENTS),
});
const project = loadProject(root);
const data = agreementData(project);
let engines: AgreementEngines;

before(async () => {
  engines = await AgreementEngines.open(data);
});

after(async () => {
  await engines?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('edge values', () => {
  test('the loader read every row and every value', () => {
    const { profiles, events } = data.store;
    assert.equal(profiles.count, PROFILES.length);
    assert.equal(events!.count, EVENTS.length - 1);
    // Only the declared-empty cells are missing: no value was rejected by its column type.
    const missing = (name: string) => PROFILES.filter((_, row) => isMissing(profiles.columns.get(name)!, row)).length;
    assert.deepEqual(
      ['score', 'name', 'tags', 'seen', 'flag'].map(missing),
      [1, 1, 3, 2, 4],
      `loader diagnostics: ${project.data.diagnostics.map((d) => d.message).join('; ')}`,
    );
  });

  test('every condition selects the same ids in the evaluator, DuckDB and PostgreSQL', async () => {
    const text = CONDITIONS.map((c, i) => `segment edge_${i + 1} {\n  include ${c}\n}\n`).join('\n');
    const checked = checkExtra(project, text);
    assert.deepEqual(checked.invalid, [], 'every edge condition is valid');
    const problems: string[] = [];
    for (const [i, decl] of checked.valid.entries()) {
      const problem = disagreement(`\`${CONDITIONS[i]}\``, await engines.members(decl, checked.segmentsById));
      if (problem) problems.push(problem);
    }
    if (problems.length > 0) assert.fail(problems.join('\n\n'));
  });

  test('boundary cases select exactly the members the language reference says, in all three engines', async () => {
    const everyone = PROFILES.map((row) => row[0]!);
    const except = (...ids: string[]) => everyone.filter((id) => !ids.includes(id));
    const expected: [string, string[]][] = [
      // 0.10 + 0.20 lands exactly on 0.30; e10's 0.1 + 0.2 + 0.30000000000000004 is 0.6 to six places
      ['sum of order.value >= 0.30', ['e09', 'e10', 'e13']],
      ['sum of order.value = 0.3', ['e09']],
      // no orders, or orders without a value: a sum of 0
      ['sum of order.value < 0.30', except('e09', 'e10', 'e13')],
      // 1049.3333333333333 + 0.0000005 is 1049.333333 + 0.000001 in millionths (half away from zero)
      ['sum of order.value >= 1049.3333335', ['e13']],
      ['sum of order.value > 1049.333334', []],
      ['sum of order.value > 1049.333333', ['e13']],
      // 0.6 / 3 is exactly 0.2; 0.3 / 2 is exactly 0.15
      ['average of order.value = 0.2', ['e10']],
      ['average of order.value > 0.15', ['e10', 'e13']],
      ['average of order.value >= 0.15', ['e09', 'e10', 'e13']],
      // no values: no average, minimum or maximum (false), so true under `not`
      ['average of order.value < 1', ['e09', 'e10', 'e12']],
      ['not average of order.value < 1', except('e09', 'e10', 'e12')],
      ['not min of order.value < 100', except('e09', 'e10', 'e12', 'e13')],
      ['not max of order.value > -100', except('e09', 'e10', 'e12', 'e13')],
      // no values: a distinct count of 0; -0 and 0 are one value
      ['distinct count of order.value = 0', except('e09', 'e10', 'e12', 'e13')],
      ['distinct count of order.value = 1', ['e12']],
      ['not distinct count of order.value >= 1', except('e09', 'e10', 'e12', 'e13')],
      // exactly one day later is in, one second more is out, the same instant is no sequence
      ['did cart then did order within 1 day', ['e14', 'e19', 'e20']],
      ['did cart then did order within 1439 minutes', ['e19', 'e20']],
      ['did cart then did not order within 1 day', ['e15', 'e16']],
      // 23:50 + 10 minutes is midnight after asOf: not ended before it, so not yet abandoned
      ['did cart within last 1 day then did not order within 10 minutes', ['e19']],
      ['did cart within last 1 day then did not order within 1 minute', ['e17', 'e19']],
      // with same: both values present and equal; a missing side never matches
      ['did visit then did order within 2 days with same page', ['e18']],
      ['did cart then did order within 1 day with same page', ['e14', 'e19']],
      ['did cart then did not order within 1 day with same page', ['e15', 'e16', 'e19', 'e20']],
      // a whole date is midnight UTC
      ['did cart between 2026-10-05 and 2026-10-05 then did order within 1 day', ['e19']],
    ];
    const text = expected.map(([c], i) => `segment boundary_${i + 1} {\n  include ${c}\n}\n`).join('\n');
    const checked = checkExtra(project, text);
    assert.deepEqual(checked.invalid, []);
    for (const [i, decl] of checked.valid.entries()) {
      const sets = await engines.members(decl, checked.segmentsById);
      const [condition, ids] = expected[i];
      assert.deepEqual(sets.evaluator, [...ids].sort(), condition);
      assert.equal(disagreement(condition, sets), undefined);
    }
  });

  test('the evaluator reads the 17-digit doubles exactly', async () => {
    const checked = checkExtra(project, 'segment x { include score = 0.013229220482609882 }');
    const sets = await engines.members(checked.valid[0], checked.segmentsById);
    assert.deepEqual(sets.evaluator, ['e01']);
  });
});
