// The checker as a whole: what runs with and without a catalog, the sample
// project is clean, every code is documented with its severity, random edits
// never crash it, and a large file is checked quickly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CHECK_DIAGNOSTIC_CODES } from '../../../server/src/core/check/codes';
import { checkProject } from '../../../server/src/core/check/check-project';
import type { Catalog, EventInfo, FieldInfo } from '../../../server/src/core/sample/catalog-types';
import { emptyCatalog } from '../../../server/src/core/sample/catalog-types';
import type { ValueType } from '../../../server/src/core/base/value-type';
import type { Diagnostic } from '../../../server/src/core/base/diagnostics';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import { checkSources, segmentWith, SHOP } from './fixtures';

const MIXED = [
  'segment a {',
  '  include agee > 3 and city = "oslo" and age = "30" and did purchse and segment nowhere',
  '  include age between 40 and 20 and age > 50 and age < 30',
  '}',
  'segment a {',
  '  exclude old_score > 1',
  '}',
  '',
].join('\n');

function codes(ds: Diagnostic[]): string[] {
  return ds.map((d) => d.code).sort();
}

test('without a catalog only structural checks and value-free ones run', () => {
  assert.deepEqual(codes(checkSources([{ path: '/p/a.segment', text: MIXED }])), [
    'duplicate-property',
    'duplicate-segment',
    'empty-range',
    'missing-include',
    'never-true',
    'unknown-segment',
  ]);
});

test('a catalog that knows no attributes or events skips name checks too', () => {
  assert.deepEqual(codes(checkSources([{ path: '/p/a.segment', text: MIXED }], emptyCatalog())), [
    'duplicate-property',
    'duplicate-segment',
    'empty-range',
    'missing-include',
    'never-true',
    'unknown-segment',
  ]);
});

test('with a catalog every check runs', () => {
  assert.deepEqual(codes(checkSources([{ path: '/p/a.segment', text: MIXED }], SHOP)), [
    'deprecated-attribute',
    'duplicate-property',
    'duplicate-segment',
    'empty-range',
    'missing-include',
    'never-true',
    'type-mismatch',
    'unknown-attribute',
    'unknown-event',
    'unknown-segment',
    'value-never-seen',
  ]);
});

test('diagnostics come sorted by file and position', () => {
  const found = checkSources(
    [
      { path: '/p/b.segment', text: segmentWith('agee > 1 and cty = "x"') },
      { path: '/p/a.segment', text: segmentWith('segment zz and agee > 1', 't') },
    ],
    SHOP,
  );
  const keys = found.map((d) => `${d.file}:${String(d.span.start).padStart(5, '0')}`);
  assert.deepEqual(keys, [...keys].sort());
});

/** A catalog from the sample project's schema.json, the way the schema declares it. */
function catalogFromSchema(path: string): Catalog {
  type Decl = { type: ValueType; values?: (string | number)[]; deprecated?: string };
  const schema = JSON.parse(readFileSync(path, 'utf8')) as {
    attributes: Record<string, Decl>;
    events: Record<string, { properties?: Record<string, Decl> }>;
  };
  const field = (name: string, d: Decl): FieldInfo => ({
    name,
    type: d.type,
    source: 'schema',
    ...(d.values ? { allowedValues: d.values.map(String) } : {}),
    ...(d.deprecated !== undefined ? { deprecated: d.deprecated } : {}),
  });
  const attributes = new Map(Object.entries(schema.attributes).map(([n, d]) => [n, field(n, d)]));
  const events = new Map<string, EventInfo>(
    Object.entries(schema.events).map(([n, e]) => [
      n,
      { name: n, source: 'schema', properties: new Map(Object.entries(e.properties ?? {}).map(([p, d]) => [p, field(p, d)])) },
    ]),
  );
  return { attributes, events };
}

test('the sample project is clean', () => {
  const dir = 'samples/nordic-shop/segments';
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.segment'))
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const parsed = parseSegments(text, join(dir, f));
      assert.deepEqual(parsed.diagnostics, [], f);
      return { path: join(dir, f), ast: parsed.ast };
    });
  assert.ok(files.length >= 3);
  const catalog = catalogFromSchema('samples/nordic-shop/schema.json');
  assert.deepEqual(checkProject({ files, catalog }).map((d) => `${d.file}: ${d.message}`), []);
  assert.deepEqual(checkProject({ files }).map((d) => `${d.file}: ${d.message}`), []);
});

test('the code list is complete, unique and each code has the severity it is reported with', () => {
  const listed = new Map(CHECK_DIAGNOSTIC_CODES.map((c) => [c.code, c.severity]));
  assert.equal(listed.size, CHECK_DIAGNOSTIC_CODES.length);
  for (const c of CHECK_DIAGNOSTIC_CODES) {
    assert.match(c.code, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(c.description.length > 20);
  }
  const everything = [
    MIXED,
    segmentWith('did purchase where (segment a or amout > 1) and interests = "sport" and device = "watch"', 'b'),
    segmentWith('did purchase then did purchase within 1 month', 'd'),
    'segment c { include segment c }\n',
  ].join('\n');
  const found = checkSources([{ path: '/p/all.segment', text: everything }], SHOP);
  const seen = new Set<string>();
  for (const d of found) {
    assert.equal(listed.get(d.code as never), d.severity, d.code);
    seen.add(d.code);
  }
  assert.deepEqual([...listed.keys()].filter((c) => !seen.has(c)), []);
});

const VALID = [
  'segment young {',
  '  title "Young"',
  '  include age between 18 and 30 and city in ("Oslo", "Bergen") and not (email_opt_in = false)',
  '  exclude segment old or signup_date within last 7 days',
  '}',
  'segment old {',
  '  include age >= 65 and interests contains any ("sport", "travel") and `Preferred channel` = "sms"',
  '    and did purchase where (amount > 100 and currency = "NOK") at least 2 times between 2026-01-01 and 2026-02-01',
  '    and last_seen_at more than 3 months ago and page starts with "/x" and email_opt_in',
  '}',
  '',
].join('\n');

const PIECES = ['segment', 'did', 'where', '(', ')', '"', '`', 'and', 'or', 'not', '=', '<', 'between', ' 40 and 20', 'is missing',
  'include', '}', '{', 'contains all', '2026-13-01', '-', '.', ',', '#', 'segment young', 'age', 'x.y.', '"oslo"', '\n', ' '];

test('random edits of a valid source never make the checker throw, and every span lies inside its file', () => {
  assert.deepEqual(checkSources([{ path: '/p/v.segment', text: VALID }], SHOP), []);
  const edit = fc.record({
    at: fc.nat(),
    cut: fc.nat({ max: 12 }),
    insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })),
  });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), (edits, withCatalog) => {
      let text = VALID;
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
      }
      const other = 'segment young { include age > 1 }\n';
      const files = [
        { path: '/p/v.segment', ast: parseSegments(text, '/p/v.segment').ast },
        { path: '/p/w.segment', ast: parseSegments(other, '/p/w.segment').ast },
      ];
      const lengths = new Map([['/p/v.segment', text.length], ['/p/w.segment', other.length]]);
      const found = checkProject({ files, catalog: withCatalog ? SHOP : undefined });
      const inside = (file: string, s: { start: number; end: number }) =>
        lengths.has(file) && s.start >= 0 && s.start <= s.end && s.end <= lengths.get(file)!;
      for (const d of found) {
        assert.ok(inside(d.file, d.span), `${d.code} span ${JSON.stringify(d.span)} outside ${JSON.stringify(text)}`);
        assert.ok(d.message.length > 0);
        for (const r of d.related ?? []) assert.ok(inside(r.file, r.span), `${d.code} related span`);
        for (const f of d.fixes ?? []) for (const e of f.edits) assert.ok(inside(d.file, e.span), `${d.code} fix span`);
      }
    }),
    { numRuns: 400 },
  );
});

test('a 10,000-line file is checked quickly', () => {
  const blocks: string[] = [];
  let lines = 0;
  for (let i = 0; lines < 10_000; i++) {
    const block = [
      `segment s${i} {`,
      `  title "Segment ${i}"`,
      '  include',
      `    age between ${i % 50} and ${(i % 50) + 20}`,
      '    and city in ("Oslo", "Bergen") and interests contains any ("sport")',
      `    and did purchase where (amount > ${i}) at least 2 times within last 30 days`,
      `    and (signup_date after 2025-01-01 or segment s${Math.max(0, i - 1)})`,
      '  exclude email_opt_in = false and last_seen_at more than 90 days ago',
      '}',
    ];
    blocks.push(...block);
    lines += block.length;
  }
  const text = blocks.join('\n');
  const path = '/p/big.segment';
  // Parsing is the parser's to measure; this times the checker alone, warm.
  const files = [{ path, ast: parseSegments(text, path).ast }];
  checkProject({ files, catalog: SHOP });
  const started = performance.now();
  const found = checkProject({ files, catalog: SHOP });
  const elapsed = performance.now() - started;
  // s0 refers to itself; nothing else is wrong.
  assert.deepEqual(found.map((d) => d.code), ['reference-cycle']);
  assert.ok(elapsed < 500, `parse and check took ${elapsed.toFixed(1)} ms`);
});
