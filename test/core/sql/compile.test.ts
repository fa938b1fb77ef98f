// compileSegment's shape and its refusals: the leading comment, readable
// layout, hostile names run end to end in DuckDB, and the errors it raises
// for definitions that cannot become SQL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSegment, DIALECTS, SqlCompileError, type SqlCompileOptions } from '../../../server/src/core/sql/compile';
import type { DidExpr, Expr, SegmentDecl } from '../../../server/src/core/syntax/ast';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import { DuckDbHarness } from './duckdb-harness';
import { AS_OF, ID_COLUMN, parseProject } from './fixtures';
import { GOLDEN_ATTRIBUTES, GOLDEN_EVENTS, goldenCatalog, goldenQueries } from './golden-project';

const duck: SqlCompileOptions = { dialect: 'duckdb', idColumn: ID_COLUMN, asOf: AS_OF };

function compileOne(text: string, id: string, options: SqlCompileOptions = duck): string {
  const segments = parseProject(text);
  return compileSegment(segments.get(id)!, segments, options);
}

function compileError(run: () => unknown): SqlCompileError {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof SqlCompileError, `expected a SqlCompileError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected compileSegment to throw');
}

describe('query shape', () => {
  test('starts with a comment naming the segment and its title, then selects the id column', () => {
    const sql = compileOne('segment vip_fans { title "VIP fans" include vip }', 'vip_fans');
    const lines = sql.split('\n');
    assert.equal(lines[0], '-- Segment vip_fans: VIP fans');
    assert.equal(lines[1], '-- Members of the segment, duckdb, as of 2026-11-01.');
    assert.equal(lines[2], 'SELECT p."user_id"');
    assert.equal(lines[3], 'FROM "profiles" AS p');
    assert.equal(lines[4], 'WHERE');
    assert.equal(lines[5], '  COALESCE(p."vip", FALSE)');
  });

  test('without asOf the comment says windows count from the current UTC date', () => {
    const sql = compileOne('segment s { include vip }', 's', { dialect: 'postgres', idColumn: 'id' });
    assert.match(sql.split('\n')[1], /postgres, as of the current date \(UTC\)/);
  });

  test('one condition per line, nested groups indented', () => {
    const sql = compileOne('segment s { include age > 1 and (city = "a" or city = "b") }', 's');
    assert.equal(
      sql.split('\n').slice(5).join('\n'),
      [
        '  COALESCE(p."age" > 1, FALSE)',
        '  AND (',
        '    COALESCE(p."city" = \'a\', FALSE)',
        '    OR COALESCE(p."city" = \'b\', FALSE)',
        '  )',
      ].join('\n'),
    );
  });

  test('PostgreSQL orders strings by code point with COLLATE "C"; the others need no clause', () => {
    const text = 'segment s { include city < "Oslo" and city between "A" and "M" }';
    const pg = compileOne(text, 's', { ...duck, dialect: 'postgres' });
    assert.match(pg, /p\."city" COLLATE "C" < 'Oslo'/);
    assert.match(pg, /p\."city" COLLATE "C" BETWEEN 'A' AND 'M'/);
    for (const dialect of DIALECTS.filter((d) => d !== 'postgres')) {
      assert.doesNotMatch(compileOne(text, 's', { ...duck, dialect }), /COLLATE/);
    }
  });

  test('without a catalog, `contains "x"` is a substring test and `contains any/all` a list test', () => {
    const sql = compileOne('segment s { include name contains "x" and tags contains any ("a") }', 's');
    assert.match(sql, /strpos\(p\."name", 'x'\) > 0/);
    assert.match(sql, /list_contains\(p\."tags", 'a'\)/);
  });

  test('a segment used twice is inlined twice but counts its events once', () => {
    const sql = compileOne(
      `segment buyers { include did purchase }
       segment s { include segment buyers or (segment buyers and vip) }`,
      's',
    );
    assert.equal(sql.match(/AS \(/g)?.length, 1);
    assert.equal(sql.match(/-- segment buyers/g)?.length, 2);
  });
});

describe('hostile names and strings, run in DuckDB', () => {
  test('the golden hostile segment selects exactly the profile that matches every condition', async () => {
    const db = await DuckDbHarness.open();
    try {
      const matching = {
        user_id: 'h1',
        'Preferred channel': "it's \\ 'quoted' \"x\" 東京 🚀\nnext line",
        'geo.city': 'Zürich',
        select: "'; DROP TABLE profiles; --",
        'we"ird\\name': 'present',
      };
      await db.loadProfiles({
        idColumn: ID_COLUMN,
        attributes: GOLDEN_ATTRIBUTES,
        rows: [
          matching,
          // Each differs from h1 in one detail an escaping bug would blur.
          { ...matching, user_id: 'h2', 'Preferred channel': "it's \\\\ 'quoted' \"x\" 東京 🚀\nnext line" },
          { ...matching, user_id: 'h3', 'Preferred channel': "it's \\ 'quoted' \"x\" 東京 🚀\\nnext line" },
          { ...matching, user_id: 'h4', select: "''; DROP TABLE profiles; --" },
          { ...matching, user_id: 'h5', 'we"ird\\name': null },
          { ...matching, user_id: 'h6' },
          { ...matching, user_id: 'h7' },
        ],
      });
      const properties = Object.assign({}, ...Object.values(GOLDEN_EVENTS));
      await db.loadEvents({
        idColumn: ID_COLUMN,
        properties,
        rows: [
          { user_id: 'h1', event: "Order 'Completed' \\ now", timestamp: '2026-10-01T00:00:00Z', 'item name': 'a%_\'b' },
          { user_id: 'h2', event: "Order 'Completed' \\ now", timestamp: '2026-10-01T00:00:00Z', 'item name': 'a%_\'b' },
          { user_id: 'h3', event: "Order 'Completed' \\ now", timestamp: '2026-10-01T00:00:00Z', 'item name': 'a%_\'b' },
          { user_id: 'h4', event: "Order 'Completed' \\ now", timestamp: '2026-10-01T00:00:00Z', 'item name': 'a%_\'b' },
          { user_id: 'h5', event: "Order 'Completed' \\ now", timestamp: '2026-10-01T00:00:00Z', 'item name': 'a%_\'b' },
          // `%_'` must be found literally: `ab'` would match a LIKE pattern.
          { user_id: 'h6', event: "Order 'Completed' \\ now", timestamp: '2026-10-01T00:00:00Z', 'item name': "xyz'" },
          { user_id: 'h7', event: "Order 'Completed' \\\\ now", timestamp: '2026-10-01T00:00:00Z', 'item name': 'a%_\'b' },
        ],
      });
      const sql = goldenQueries('duckdb').get('hostile_names')!;
      assert.deepEqual(await db.queryIds(sql), ['h1']);
      // The title's `DROP TABLE` stayed inside the comment.
      assert.equal(await db.queryValue('SELECT count(*) FROM profiles'), '7');
    } finally {
      db.close();
    }
  });

  test('a catalog is not needed for hostile names to stay quoted', () => {
    const sql = compileOne('segment s { include `a"; DROP TABLE x; --` = "y" }', 's');
    assert.match(sql, /p\."a""; DROP TABLE x; --" = 'y'/);
  });

  test('the golden catalog types every attribute the golden segments name', () => {
    assert.ok(goldenCatalog.attributes.has('we"ird\\name'));
  });
});

describe('what cannot be compiled', () => {
  test('a reference to an unknown segment', () => {
    const err = compileError(() => compileOne('segment s { include segment nobody }', 's'));
    assert.equal(err.code, 'sql-unknown-segment');
    assert.match(err.message, /Unknown segment "nobody"/);
    assert.equal(err.segmentId, 's');
  });

  test('a cycle of references', () => {
    const err = compileError(() =>
      compileOne('segment a { include segment b } segment b { include vip or segment a }', 'a'),
    );
    assert.equal(err.code, 'sql-segment-cycle');
    assert.match(err.message, /a → b → a/);
    assert.equal(err.segmentId, 'b');
  });

  test('a segment without include', () => {
    const { ast } = parseSegments('segment s { title "x" }', 'f.segment');
    const err = compileError(() => compileSegment(ast.segments[0], new Map(), duck));
    assert.equal(err.code, 'sql-missing-include');
  });

  test('a segment with a syntax error, itself or through a reference', () => {
    const { ast, diagnostics } = parseSegments('segment bad { include age > } segment good { include segment bad }', 'f.segment');
    assert.ok(diagnostics.length > 0);
    const byId = new Map(ast.segments.map((d) => [d.id!.text, d]));
    const direct = compileError(() => compileSegment(byId.get('bad')!, byId, duck));
    assert.equal(direct.code, 'sql-syntax-error');
    assert.match(direct.message, /Segment "bad" has a syntax error/);
    assert.equal(compileError(() => compileSegment(byId.get('good')!, byId, duck)).code, 'sql-syntax-error');
  });

  test('an error node in a hand-built tree', () => {
    const span = { start: 0, end: 0 };
    const decl: SegmentDecl = {
      kind: 'segment',
      id: { text: 's', span, quoted: false },
      properties: [{ kind: 'include', keywordSpan: span, span, expr: { kind: 'error', span: { start: 3, end: 5 } } }],
      span,
      hasSyntaxError: false,
      closed: true,
    };
    const err = compileError(() => compileSegment(decl, new Map(), duck));
    assert.equal(err.code, 'sql-syntax-error');
    assert.deepEqual(err.span, { start: 3, end: 5 });
  });

  test('text holding a NUL character or an unpaired surrogate', () => {
    assert.equal(compileError(() => compileOne('segment s { include name = "a\\u0000b" }', 's')).code, 'sql-nul-character');
    assert.equal(compileError(() => compileOne('segment s { include name = "a\\ud800b" }', 's')).code, 'sql-invalid-unicode');
  });

  test('an asOf that is not a date', () => {
    const err = compileError(() => compileOne('segment s { include vip }', 's', { ...duck, asOf: '2026-02-30' }));
    assert.equal(err.code, 'sql-bad-as-of');
  });

  test('an empty table name part', () => {
    const err = compileError(() => compileOne('segment s { include vip }', 's', { ...duck, profilesTable: 'a..b' }));
    assert.equal(err.code, 'sql-bad-table-name');
  });

  test('`segment` or `did` inside a where-filter', () => {
    const segments = parseProject('segment s { include did purchase where (amount > 1) }');
    const decl = segments.get('s')!;
    const did = (decl.properties.find((p) => p.kind === 'include') as { expr: Expr }).expr as DidExpr;
    const span = { start: 0, end: 0 };
    const withWhere = (where: Expr): SegmentDecl => ({
      ...decl,
      properties: [{ kind: 'include', keywordSpan: span, span, expr: { ...did, where } }],
    });
    const ref: Expr = { kind: 'segmentRef', id: { text: 's', span, quoted: false }, span };
    assert.equal(compileError(() => compileSegment(withWhere(ref), segments, duck)).code, 'sql-segment-in-where');
    assert.equal(compileError(() => compileSegment(withWhere(did), segments, duck)).code, 'sql-did-in-where');
  });
});
