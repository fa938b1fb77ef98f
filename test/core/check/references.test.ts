// Segment ids across the project: duplicates, unknown references and cycles,
// within one file and across files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runCases } from './cases';
import { checkSources, SHOP, type Case } from './fixtures';
import type { Diagnostic } from '../../../server/src/core/base/diagnostics';
import { checkProject } from '../../../server/src/core/check/check-project';
import { parseSegments } from '../../../server/src/core/syntax/parser';

function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `${needle} not in text`);
  return { start, end: start + needle.length };
}

function summary(ds: Diagnostic[]): string[] {
  return ds.map((d) => `${d.file} ${d.severity} ${d.code}: ${d.message}`);
}

const inProject = (include: string) => `segment buyers {\n  include age > 1\n}\nsegment s {\n  include ${include}\n}\n`;

const referenceCases: Case[] = [
  {
    source: 'segment ⟦buyrs⟧',
    code: 'unknown-segment',
    severity: 'error',
    message: 'unknown segment `buyrs`; did you mean `buyers`?',
    fixed: 'segment buyers',
  },
  {
    source: 'age > 3 and not segment ⟦nobody_at_all⟧',
    code: 'unknown-segment',
    severity: 'error',
    message: 'unknown segment `nobody_at_all`: no segment of the project has that id',
  },
  {
    source: 'did purchase where (⟦segment buyers⟧)',
    code: 'segment-in-event-filter',
    severity: 'error',
    message:
      '`segment buyers` cannot be used inside `did … where (…)`, which tests the properties of each `purchase` event; move it out of the `did`',
  },
];

runCases(
  referenceCases.map((c) => ({ ...c, whole: true, source: inProject(c.source), fixed: c.fixed === undefined ? undefined : inProject(c.fixed) })),
  SHOP,
);

test('a duplicate id in the same file is reported on the second, pointing at the first', () => {
  const text = 'segment a {\n  include age > 1\n}\nsegment a {\n  include age > 2\n}\n';
  const found = checkSources([{ path: '/p/one.segment', text }]);
  assert.deepEqual(summary(found), [
    '/p/one.segment error duplicate-segment: segment `a` is already defined in this file; segment ids must be unique across the project',
  ]);
  assert.deepEqual(found[0].span, spanOf(text, 'a', text.indexOf('segment a', 5) + 7));
  assert.deepEqual(found[0].related, [{ file: '/p/one.segment', span: spanOf(text, 'a', 7), message: '`a` is first defined here' }]);
});

test('duplicates across files name the other file, and every later duplicate is reported', () => {
  const one = 'segment shared {\n  include age > 1\n}\n';
  const two = 'segment shared {\n  include age > 2\n}\nsegment shared {\n  include age > 3\n}\n';
  const found = checkSources([
    { path: '/p/one.segment', text: one },
    { path: '/p/sub/two.segment', text: two },
  ]);
  assert.deepEqual(summary(found), [
    '/p/sub/two.segment error duplicate-segment: segment `shared` is already defined in `one.segment`; segment ids must be unique across the project',
    '/p/sub/two.segment error duplicate-segment: segment `shared` is already defined in `one.segment`; segment ids must be unique across the project',
  ]);
  for (const d of found) assert.deepEqual(d.related?.[0].file, '/p/one.segment');
});

test('a reference to a segment in another file is fine', () => {
  const found = checkSources([
    { path: '/p/one.segment', text: 'segment buyers {\n  include age > 1\n}\n' },
    { path: '/p/two.segment', text: 'segment s {\n  include segment buyers and not segment buyers\n}\n' },
  ]);
  assert.deepEqual(found, []);
});

test('unknown segment references are checked without a catalog, with did-you-mean across files', () => {
  const found = checkSources([
    { path: '/p/one.segment', text: 'segment existing_customers {\n  include age > 1\n}\n' },
    { path: '/p/two.segment', text: 'segment s {\n  include segment existing_customer\n}\n' },
  ]);
  assert.deepEqual(summary(found), ['/p/two.segment error unknown-segment: unknown segment `existing_customer`; did you mean `existing_customers`?']);
});

test('a segment that refers to itself', () => {
  const text = 'segment a {\n  include age > 1 or segment a\n}\n';
  const found = checkSources([{ path: '/p/one.segment', text }]);
  assert.deepEqual(summary(found), [
    '/p/one.segment error reference-cycle: reference cycle `a -> a`: a segment cannot depend on itself, directly or through other segments',
  ]);
  assert.deepEqual(found[0].span, spanOf(text, 'segment a', 5));
});

test('a cycle across three files is reported on every reference in it, each showing the whole cycle from its segment', () => {
  const a = 'segment a {\n  include segment b\n}\n';
  const b = 'segment b {\n  include age > 3 and segment c\n}\n';
  const c = 'segment c {\n  include segment a\n  exclude segment outside\n}\nsegment outside {\n  include age > 1\n}\n';
  const found = checkSources([
    { path: '/p/a.segment', text: a },
    { path: '/p/b.segment', text: b },
    { path: '/p/c.segment', text: c },
  ]);
  assert.deepEqual(summary(found), [
    '/p/a.segment error reference-cycle: reference cycle `a -> b -> c -> a`: a segment cannot depend on itself, directly or through other segments',
    '/p/b.segment error reference-cycle: reference cycle `b -> c -> a -> b`: a segment cannot depend on itself, directly or through other segments',
    '/p/c.segment error reference-cycle: reference cycle `c -> a -> b -> c`: a segment cannot depend on itself, directly or through other segments',
  ]);
  assert.deepEqual(found[1].span, spanOf(b, 'segment c'));
});

test('references into a cycle from outside it are not part of it', () => {
  const text = 'segment a {\n  include segment b\n}\nsegment b {\n  include segment a\n}\nsegment c {\n  include segment a\n}\n';
  const found = checkSources([{ path: '/p/x.segment', text }]);
  assert.deepEqual(found.map((d) => d.message.split(':')[0]), ['reference cycle `a -> b -> a`', 'reference cycle `b -> a -> b`']);
});

test('a long cycle is found without deep recursion and shown shortened', () => {
  const n = 3000;
  let text = '';
  for (let i = 0; i < n; i++) text += `segment s${i} { include segment s${(i + 1) % n} }\n`;
  const files = [{ path: '/p/long.segment', ast: parseSegments(text, '/p/long.segment').ast }];
  const started = performance.now();
  const found = checkProject({ files });
  const elapsed = performance.now() - started;
  assert.equal(found.length, n);
  assert.ok(found.every((d) => d.code === 'reference-cycle'));
  assert.equal(
    found[0].message,
    `reference cycle \`s0 -> s1 -> s2 -> s3 -> s4 -> … (${n + 1 - 8} more) -> s2998 -> s2999 -> s0\`: a segment cannot depend on itself, directly or through other segments`,
  );
  // Linear in the cycle's length (a shortest cycle per reference would be quadratic).
  assert.ok(elapsed < 500, `checking took ${elapsed.toFixed(1)} ms`);
});

test('a long chain without a cycle is fine', () => {
  const n = 5000;
  let text = '';
  for (let i = 0; i < n; i++) text += `segment s${i} { include ${i + 1 < n ? `segment s${i + 1}` : 'age > 1'} }\n`;
  assert.deepEqual(checkSources([{ path: '/p/chain.segment', text }]), []);
});

test('every cycle shown is a real walk of references from the reporting segment back to it', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 120 }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 300 }),
      (n, pairs) => {
        const edges = new Map<number, Set<number>>();
        for (const [a, b] of pairs) {
          const from = a % n;
          if (!edges.has(from)) edges.set(from, new Set());
          edges.get(from)!.add(b % n);
        }
        let text = '';
        for (let i = 0; i < n; i++) {
          const refs = [...(edges.get(i) ?? [])].map((j) => `segment s${j}`);
          text += `segment s${i} { include ${refs.length > 0 ? refs.join(' or ') : 'age > 1'} }\n`;
        }
        const files = [{ path: '/p/g.segment', ast: parseSegments(text, '/p/g.segment').ast }];
        const isEdge = (a: string, b: string) => edges.get(Number(a.slice(1)))?.has(Number(b.slice(1))) === true;
        for (const d of checkProject({ files })) {
          assert.equal(d.code, 'reference-cycle');
          const shown = /^reference cycle `(.*)`:/.exec(d.message)![1];
          // The reference sits inside the segment the cycle starts from.
          const owner = files[0].ast.segments.find((s) => s.span.start <= d.span.start && d.span.end <= s.span.end)!.id!.text;
          const [headText, tailText] = shown.split(/ -> … \(\d+ more\) -> /);
          const head = headText.split(' -> ');
          const tail = tailText === undefined ? [] : tailText.split(' -> ');
          assert.equal(head[0], owner);
          assert.equal((tail.length > 0 ? tail : head).at(-1), owner);
          for (const part of [head, tail]) for (let i = 0; i + 1 < part.length; i++) assert.ok(isEdge(part[i], part[i + 1]), shown);
          // The referenced segment comes right after the owner.
          assert.equal(head[1], text.slice(d.span.start, d.span.end).replace('segment ', ''));
        }
      },
    ),
    { numRuns: 150 },
  );
});
