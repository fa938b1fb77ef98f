// The sample cache through loadSample: a second load reads the store back and
// answers exactly as the parse did; a changed sample, a cut, damaged or
// foreign cache file is caught and rebuilt; nothing is written outside the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSample, type LoadSampleOptions, type LoadSampleResult } from '../../../server/src/core/sample/load-sample';
import { CACHE_FOLDER } from '../../../server/src/core/sample/store-cache';
import type { SampleStore } from '../../../server/src/core/sample/store';
import type { SchemaDocument } from '../../../server/src/core/project/schema-types';
import { Evaluator } from '../../../server/src/core/evaluate/evaluator';
import { parseSegments } from '../../../server/src/core/syntax/parser';
import { listSegmentFiles } from '../../../server/src/core/project/find-project';
import { flipByte, rewriteHeader } from './cache-files';
import { describe, profileRows } from './helpers';

const PROFILES = [
  'user_id,age,city,vip,joined,interests,score',
  'u1,30,Oslo,true,2026-01-10,sport;travel,1.5',
  'u2,41,Bergen,false,2026-02-20,sport,',
  'u3,,Oslo,true,2026-03-01T12:00:00Z,,x',
  'u4,22,Tromsø,,2025-12-31,travel;sport;travel,2',
].join('\n');
const EVENTS = ['user_id,event,timestamp,amount,page', 'u1,purchase,2026-03-01T10:00:00Z,100,', 'u2,purchase,2026-03-02,,', 'u1,view,2026-03-01,,home', 'u9,view,2026-03-01,,home'].join('\n');

function project(): { root: string; options: LoadSampleOptions } {
  const root = mkdtempSync(join(tmpdir(), 'segments-cache-test-'));
  writeFileSync(join(root, 'users.csv'), PROFILES);
  writeFileSync(join(root, 'events.csv'), EVENTS);
  return {
    root,
    options: { profilesPath: join(root, 'users.csv'), eventsPath: join(root, 'events.csv'), idColumn: 'user_id', cache: { projectRoot: root } },
  };
}

function cacheFiles(root: string): string[] {
  const dir = join(root, CACHE_FOLDER);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f !== '.gitignore').map((f) => join(dir, f)) : [];
}

/** Counts a user reads: one segment per condition form. */
function counts(store: SampleStore): number[] {
  const evaluator = new Evaluator(store, { asOfDay: Math.floor(Date.UTC(2026, 10, 1) / 86_400_000) });
  const text = `
segment a { include age >= 25 }
segment b { include city in ("Oslo", "Tromsø") and vip }
segment c { include interests contains "travel" or joined after 2026-01-01 }
segment d { include did purchase where (amount > 50) }
segment e { include did view at least 1 times and score < 2 }
segment f { include did view then did purchase within 1 day }`;
  return parseSegments(text, 'x.segment').ast.segments.map((decl) => evaluator.countSegment(decl, new Map()).count);
}

function withoutVersion(result: LoadSampleResult) {
  const { version: _version, ...store } = result.store!;
  return store;
}

test('the second load reads the cache: the same store, diagnostics and counts as parsing', () => {
  const { root, options } = project();
  const first = loadSample(options);
  assert.equal(first.cache?.kind, 'written');
  assert.equal(first.cache.kind === 'written' && first.cache.miss, 'absent');
  const second = loadSample(options);
  assert.equal(second.cache?.kind, 'hit');
  assert.deepEqual(withoutVersion(second), withoutVersion(first));
  assert.deepEqual(describe(second.diagnostics), describe(first.diagnostics));
  assert.ok(first.diagnostics.length > 0, 'the sample has warnings (a bad number, an orphan event) that the cache must keep');
  assert.deepEqual(counts(second.store!), counts(first.store!));
  assert.deepEqual(profileRows(second.store!.profiles), profileRows(first.store!.profiles));
  assert.notEqual(second.store!.version, first.store!.version, 'a store read back is new data to version-keyed caches');
  assert.deepEqual(readFileSync(join(root, CACHE_FOLDER, '.gitignore'), 'utf8').split('\n').filter((l) => !l.startsWith('#')), ['*', ''], 'git ignores the folder');
  assert.equal(cacheFiles(root).length, 1);
});

test('a changed sample is stale: parsed again and the cache replaced, not added to', () => {
  const { root, options } = project();
  loadSample(options);
  appendFileSync(options.profilesPath, '\nu5,50,Oslo,true,2026-04-01,sport,3');
  const after = loadSample(options);
  assert.deepEqual(after.cache && after.cache.kind === 'written' && after.cache.miss, 'stale');
  assert.equal(after.store!.profiles.count, 5);
  assert.equal(loadSample(options).cache?.kind, 'hit');
  assert.equal(loadSample(options).store!.profiles.count, 5);
  appendFileSync(options.eventsPath!, '\nu5,view,2026-03-01,,home');
  const rebuilt = loadSample(options);
  assert.equal(rebuilt.cache?.kind === 'written' && rebuilt.cache.miss, 'stale', 'the events changed');
  assert.equal(rebuilt.store!.events!.count, 4);
  assert.equal(loadSample(options).cache?.kind, 'hit');
  assert.equal(cacheFiles(root).length, 1);
});

test('a change that keeps the size and the modification time is caught by the hash of the first and last bytes', () => {
  const { options } = project();
  loadSample(options);
  const before = statSync(options.profilesPath);
  writeFileSync(options.profilesPath, PROFILES.replace('u1,30,Oslo', 'u1,31,Oslo'));
  utimesSync(options.profilesPath, before.atime, before.mtime);
  assert.equal(statSync(options.profilesPath).size, before.size);
  const after = loadSample(options);
  assert.equal(after.cache?.kind === 'written' && after.cache.miss, 'stale');
  assert.equal(profileRows(after.store!.profiles)[0].age, 31);
});

test('other inputs are other caches: the schema, the id column, the row limit', () => {
  const { root, options } = project();
  loadSample(options);
  const schema: SchemaDocument = { attributes: new Map([['score', { type: 'string' as const }]]), events: new Map() };
  const typed = loadSample({ ...options, schema });
  assert.equal(typed.cache?.kind === 'written' && typed.cache.miss, 'stale', 'the schema decides column types');
  assert.equal(typed.store!.profiles.columns.get('score')!.type, 'string');
  assert.equal(loadSample({ ...options, schema }).cache?.kind, 'hit');
  const limited = loadSample({ ...options, rowLimit: 2 });
  assert.equal(limited.cache?.kind === 'written' && limited.cache.miss, 'absent', 'a row limit has a file of its own');
  assert.equal(loadSample({ ...options, rowLimit: 2 }).store!.profiles.count, 2);
  assert.equal(cacheFiles(root).length, 2);
});

test('a cut cache file is truncated, a changed byte is corrupt, another build is foreign: each is rebuilt', () => {
  const { root, options } = project();
  const parsed = loadSample(options);
  const [file] = cacheFiles(root);
  const size = statSync(file).size;
  const damage: [string, () => void][] = [
    ['truncated', () => truncateSync(file, size - 100)],
    ['corrupt', () => flipByte(file, size - 40)],
    ['corrupt', () => flipByte(file, Math.floor(size / 2))],
    ['foreign', () => rewriteHeader(file, (h) => ({ ...h, key: { ...h.key, loader: 'another build' } }))],
    ['foreign', () => writeFileSync(file, 'not a cache at all')],
  ];
  for (const [problem, harm] of damage) {
    harm();
    const again = loadSample(options);
    assert.equal(again.cache?.kind === 'written' && again.cache.miss, problem);
    assert.deepEqual(counts(again.store!), counts(parsed.store!));
    assert.equal(loadSample(options).cache?.kind, 'hit', `rebuilt after ${problem}`);
  }
});

test('a lying header with good checksums cannot make rows of the wrong length', () => {
  const { root, options } = project();
  loadSample(options);
  const [file] = cacheFiles(root);
  // The body's checksum holds, but the store inside is for 4 profiles: claim a different section length.
  rewriteHeader(file, (h) => ({ ...h, sections: h.sections.map((s: { length: number }, i: number) => (i === 1 ? { ...s, length: Math.max(0, s.length - 8) } : s)) }));
  const again = loadSample(options);
  assert.equal(again.cache?.kind === 'written' && again.cache.miss, 'corrupt');
});

test('nothing is written outside the project: a link named .segments-cache, a file of that name', () => {
  const { root, options } = project();
  const elsewhere = mkdtempSync(join(tmpdir(), 'segments-cache-elsewhere-'));
  symlinkSync(elsewhere, join(root, CACHE_FOLDER));
  const linked = loadSample(options);
  assert.equal(linked.cache?.kind, 'not-written');
  assert.match(linked.cache.kind === 'not-written' ? linked.cache.why : '', /link/);
  assert.deepEqual(readdirSync(elsewhere), []);
  assert.equal(linked.store!.profiles.count, 4, 'the sample still loads');

  const other = project();
  writeFileSync(join(other.root, CACHE_FOLDER), 'mine');
  assert.equal(loadSample(other.options).cache?.kind, 'not-written');
  assert.equal(readFileSync(join(other.root, CACHE_FOLDER), 'utf8'), 'mine');
});

test('a project reached through a link keeps its cache in its real folder', () => {
  const { root, options } = project();
  const link = join(mkdtempSync(join(tmpdir(), 'segments-cache-link-')), 'project');
  symlinkSync(root, link);
  const viaLink = { ...options, cache: { projectRoot: link } };
  assert.equal(loadSample(viaLink).cache?.kind, 'written');
  assert.equal(cacheFiles(root).length, 1);
  assert.equal(loadSample(options).cache?.kind, 'hit', 'the same sample by its real path is the same cache');
});

test('a sample that does not load is not cached, and its error stays', () => {
  const { root, options } = project();
  writeFileSync(options.profilesPath, 'user_id,age\nu1,3\nu1,4\n');
  const failed = loadSample(options);
  assert.equal(failed.store, undefined);
  assert.deepEqual(failed.diagnostics.map((d) => d.code), ['sample-duplicate-id']);
  assert.equal(failed.cache?.kind, 'not-written');
  assert.deepEqual(cacheFiles(root), []);
});

test('the project listing never looks inside the cache folder', () => {
  const { root } = project();
  mkdirSync(join(root, CACHE_FOLDER));
  writeFileSync(join(root, CACHE_FOLDER, 'stray.segment'), 'segment x { include age > 1 }');
  writeFileSync(join(root, 'real.segment'), 'segment y { include age > 1 }');
  assert.deepEqual(listSegmentFiles(root), [join(root, 'real.segment')]);
});
