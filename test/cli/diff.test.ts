// `segments diff` against real git repositories, run through the built CLI.
// Reports are compared with test/golden/diff/*; run with UPDATE_GOLDEN=1 to
// rewrite them after an intended change (and read the diff before committing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, REPO_ROOT, runSegments } from '../support/cli';
import { commitAll, git, makeRepo, writeFiles } from './git-repo';

const GOLDEN = join(REPO_ROOT, 'test', 'golden', 'diff');
const update = process.env.UPDATE_GOLDEN === '1';

function assertGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (update) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `${file} is missing: run the tests with UPDATE_GOLDEN=1`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs: if the change is intended, run with UPDATE_GOLDEN=1`);
}

const CONFIG = JSON.stringify({ sample: 'users.csv', events: 'events.csv', asOf: '2026-11-01' }, null, 2);
const USERS = [
  'user_id,age,city,vip',
  'u1,17,Oslo,true',
  'u2,19,Oslo,false',
  'u3,20,Bergen,true',
  'u4,25,Oslo,true',
  'u5,35,Trondheim,false',
  'u6,45,Oslo,true',
  'u7,61,Bergen,false',
  'u8,70,Oslo,true',
  'u9,,Oslo,true',
  'u10,22,Stavanger,true',
  '',
].join('\n');
const EVENTS = 'user_id,event,timestamp\nu1,trip,2026-10-01T10:00:00Z\nu4,trip,2026-09-01T10:00:00Z\n';

const BASE_AUDIENCES = `segment adults {
  title "Adults"
  include age >= 18
}

segment oslo_adults {
  title "Adults in Oslo"
  owner "growth"
  tags local
  include segment adults and city = "Oslo"
}

segment young_vips {
  include age between 18 and 30 and vip
  exclude city = "Bergen" or vip = false
}

segment centenarians {
  include age > 100
}

segment to_remove {
  include age > 60
}
`;

// The same segments edited the way a pull request would: conditions changed,
// added and reordered, metadata edited, one segment removed, one added, one
// moved to another file, one growing from nobody.
const HEAD_AUDIENCES = `segment adults {
  title "Adults"
  include age >= 21
}

segment oslo_adults {
  title "Adults in Oslo"
  owner "growth"
  tags local
  include
    city = "Oslo"   # reordered: no change
    and segment adults
}

segment young_vips {
  title "Young VIPs"
  include age between 18 and 30 and vip
  exclude city = "Bergen" or vip = false or city = "Stavanger"
}

segment centenarians {
  include age > 60
}

segment seniors {
  description "Everyone over 65."
  include age > 65
}
`;

function shop(audiences: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'segments.config.json': CONFIG,
    'users.csv': USERS,
    'events.csv': EVENTS,
    'audiences.segment': audiences,
    'travel.segment': 'segment travellers {\n  include did trip\n}\n',
    ...extra,
  };
}

/** A repository whose `main` has the base version and whose working tree has the head version. */
function editedRepo(): string {
  const root = makeRepo(shop(BASE_AUDIENCES));
  writeFiles(root, {
    'audiences.segment': HEAD_AUDIENCES,
    'travel.segment': null,
    'trips/travel.segment': 'segment travellers {\n  include did trip\n}\n',
  });
  return root;
}

test('diff --format markdown: the PR comment for a typical change (golden)', () => {
  const root = editedRepo();
  const r = runSegments(['diff', '--base', 'main'], root);
  assert.equal(r.status, 0, r.stderr);
  assertGolden('changes.md', r.stdout);
  assert.match(r.stdout, /^\*\*3 segments changed, 1 added, 1 removed, 1 moved to another file, 1 affected through `segment` references; largest move: centenarians \+∞\*\*\n/);
});

test('diff --format json: the documented shape (golden)', () => {
  const root = editedRepo();
  const r = runSegments(['diff', '--base', 'main', '--format', 'json'], root);
  assert.equal(r.status, 0, r.stderr);
  assertGolden('changes.json', r.stdout);
  const report = JSON.parse(r.stdout);
  const bySegment = Object.fromEntries(report.segments.map((s: { segment: string }) => [s.segment, s]));
  // age >= 18 → age >= 21: u2, u3 and u10's neighbours drop out: 8 → 6.
  assert.deepEqual(bySegment.adults.size, { before: 8, after: 6, change: -2, percent: -25 });
  assert.deepEqual(bySegment.adults.changes.include, [{ change: 'changed', before: 'age >= 18', after: 'age >= 21' }]);
  // Untouched (only reordered) but it uses `adults`, so its size follows.
  assert.equal(bySegment.oslo_adults.status, 'affected');
  assert.deepEqual(bySegment.oslo_adults.size, { before: 4, after: 3, change: -1, percent: -25 });
  assert.equal(bySegment.travellers.status, 'moved');
  assert.equal(bySegment.travellers.movedFrom, 'travel.segment');
  assert.equal(bySegment.travellers.file, 'trips/travel.segment');
  assert.deepEqual(bySegment.to_remove.size, { before: 2, after: null, change: null, percent: null });
  assert.deepEqual(bySegment.seniors.size, { before: null, after: 1, change: null, percent: null });
  assert.deepEqual(bySegment.centenarians.size, { before: 0, after: 2, change: 2, percent: null });
  assert.deepEqual(bySegment.young_vips.changes.exclude, [
    { change: 'replaced', before: 'city = "Bergen" or vip = false', after: 'city = "Bergen" or vip = false or city = "Stavanger"' },
  ]);
  assert.equal(report.summary.unchanged, 0);
  assert.deepEqual(report.projects, [{ root: '.', sample: { profiles: 10, asOf: '2026-11-01' } }]);
});

test('diff reads the base from git only: the working tree and the index are left as they were', () => {
  const root = editedRepo();
  const before = git(root, 'status', '--porcelain=v1', '-uall');
  const stash = git(root, 'stash', 'list');
  runSegments(['diff', '--base', 'main'], root);
  assert.equal(git(root, 'status', '--porcelain=v1', '-uall'), before);
  assert.equal(git(root, 'stash', 'list'), stash);
  assert.equal(readFileSync(join(root, 'audiences.segment'), 'utf8'), HEAD_AUDIENCES);
});

test('--head REF compares two commits and gives the same changes as the working tree', () => {
  const root = editedRepo();
  const worktree = JSON.parse(runSegments(['diff', '--base', 'main', '--format', 'json'], root).stdout);
  git(root, 'checkout', '-q', '-b', 'feature');
  commitAll(root, 'edit audiences');
  git(root, 'checkout', '-q', 'main');
  const r = runSegments(['diff', '--base', 'main', '--head', 'feature', '--format', 'json'], root);
  assert.equal(r.status, 0, r.stderr);
  const refs = JSON.parse(r.stdout);
  assert.deepEqual(refs.segments, worktree.segments);
  assert.equal(refs.head.ref, 'feature');
  assert.match(refs.head.commit, /^[0-9a-f]{40}$/);
  // The working tree is main again, yet nothing of it was compared.
  assert.equal(readFileSync(join(root, 'audiences.segment'), 'utf8'), BASE_AUDIENCES);
});

test('a file renamed with git mv is a move, not a removal and an addition', () => {
  const root = makeRepo(shop(BASE_AUDIENCES));
  git(root, 'mv', 'travel.segment', 'journeys.segment');
  const r = runSegments(['diff', '--base', 'main', '--format', 'json'], root);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.segments.map((s: { segment: string; status: string; movedFrom?: string }) => [s.segment, s.status, s.movedFrom]), [
    ['travellers', 'moved', 'travel.segment'],
  ]);
  assert.equal(report.summary.text, '1 segment moved to another file');
  assert.equal(report.summary.unchanged, 5);
});

test('no change: a one-line report and exit 0', () => {
  const root = makeRepo(shop(BASE_AUDIENCES));
  writeFiles(root, { 'audiences.segment': BASE_AUDIENCES.replace('include age >= 18', 'include   age>=18  # same') });
  const r = runSegments(['diff', '--base', 'main'], root);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^\*\*No segment changed\*\*\n\nCompared `main` \([0-9a-f]{7}\) with the working tree; both sides sized on the head's sample of 10 profiles as of 2026-11-01; 6 segments unchanged\.\n$/);
});

test('a base with syntax errors: the errors are listed, the rest is still compared (golden)', () => {
  const broken = BASE_AUDIENCES.replace('include age > 60', 'include age >').replace('include age >= 18', 'include age >= 18 and city in ("Oslo",');
  const root = makeRepo(shop(broken));
  writeFiles(root, { 'audiences.segment': BASE_AUDIENCES.replace('exclude city = "Bergen" or vip = false', 'exclude city = "Bergen"') });
  const md = runSegments(['diff', '--base', 'main'], root);
  assert.equal(md.status, 0, md.stderr);
  assertGolden('broken-base.md', md.stdout);
  const json = runSegments(['diff', '--base', 'main', '--format', 'json'], root);
  assertGolden('broken-base.json', json.stdout);
  const report = JSON.parse(json.stdout);
  const status = Object.fromEntries(report.segments.map((s: { segment: string; status: string }) => [s.segment, s.status]));
  assert.deepEqual(status, { adults: 'unreadable', to_remove: 'unreadable', young_vips: 'changed' });
  assert.ok(report.problems.length >= 2);
  assert.ok(report.problems.every((p: { side: string; file: string }) => p.side === 'base' && p.file === 'audiences.segment'));
  assert.match(md.stdout, /Unreadable in base: it has syntax errors there/);
});

test('--fail-on-change: exit 1 naming the segments that moved more, exit 0 otherwise', () => {
  const root = editedRepo();
  const failed = runSegments(['diff', '--base', 'main', '--fail-on-change', '20'], root);
  assert.equal(failed.status, 1);
  // adults and oslo_adults moved by 25%, young_vips by 50% (2 → 1), centenarians from 0 (infinite).
  assert.match(failed.stderr, /^segments: 4 segments moved by more than 20%: adults −25\.0%, centenarians \+∞ \(from 0\), young_vips −50\.0%, oslo_adults −25\.0%\n$/);
  assert.match(failed.stdout, /\*\*Size check failed:\*\* 4 segments moved by more than 20%: /);

  const json = JSON.parse(runSegments(['diff', '--base', 'main', '--fail-on-change', '20', '--format', 'json'], root).stdout);
  assert.deepEqual(json.failOnChange.offenders, [
    { segment: 'adults', percent: -25 },
    { segment: 'centenarians', percent: null },
    { segment: 'young_vips', percent: -50 },
    { segment: 'oslo_adults', percent: -25 },
  ]);

  // Exactly 50% is not more than 50%; only the growth from nobody is.
  const at50 = runSegments(['diff', '--base', 'main', '--fail-on-change', '50%'], root);
  assert.equal(at50.status, 1);
  assert.match(at50.stderr, /^segments: 1 segment moved by more than 50%: centenarians \+∞ \(from 0\)\n$/);

  const passRoot = makeRepo(shop(BASE_AUDIENCES));
  writeFiles(passRoot, { 'audiences.segment': BASE_AUDIENCES.replace('include age >= 18', 'include age >= 19') });
  const passed = runSegments(['diff', '--base', 'main', '--fail-on-change', '20'], passRoot);
  assert.equal(passed.status, 0, passed.stdout);
  assert.equal(passed.stderr, '');
  assert.match(passed.stdout, /Size check passed: No segment's size moved by more than 20%\./);
});

test('errors: not a git repository, an unknown ref, a bad percentage, no --base (exit 2)', () => {
  const plain = makeProject(shop(BASE_AUDIENCES));
  const notRepo = runSegments(['diff', '--base', 'main'], plain);
  assert.equal(notRepo.status, 2);
  assert.match(notRepo.stderr, /^segments: not a git repository: \. \(`segments diff` compares with a git ref; run it inside a clone\)\n$/);
  assert.equal(notRepo.stdout, '');

  const root = makeRepo(shop(BASE_AUDIENCES));
  const unknown = runSegments(['diff', '--base', 'origin/nope'], root);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown git ref `origin\/nope`.*fetch-depth: 0/);
  const unknownHead = runSegments(['diff', '--base', 'main', '--head', 'nope'], root);
  assert.equal(unknownHead.status, 2);
  assert.match(unknownHead.stderr, /unknown git ref `nope`/);
  const optionLike = runSegments(['diff', '--base=--output=x'], root);
  assert.equal(optionLike.status, 2);
  assert.ok(!existsSync(join(root, 'x')));

  const badPercent = runSegments(['diff', '--base', 'main', '--fail-on-change', 'lots'], root);
  assert.equal(badPercent.status, 2);
  assert.match(badPercent.stderr, /--fail-on-change takes a percentage such as 20, not `lots`/);

  const noBase = runSegments(['diff'], root);
  assert.equal(noBase.status, 2);
  assert.match(noBase.stderr, /--base <ref>/);
});

test('a project in a sub-folder of the repository, and paths that narrow the report', () => {
  const root = makeRepo({ 'README.md': '# repo\n', ...Object.fromEntries(Object.entries(shop(BASE_AUDIENCES)).map(([k, v]) => [`marketing/${k}`, v])) });
  writeFiles(root, {
    'marketing/audiences.segment': HEAD_AUDIENCES,
    'marketing/travel.segment': 'segment travellers {\n  include did trip at least 2 times\n}\n',
  });
  const project = join(root, 'marketing');
  const all = JSON.parse(runSegments(['diff', '--base', 'main', '--format', 'json'], project).stdout);
  assert.deepEqual(all.projects, [{ root: 'marketing', sample: { profiles: 10, asOf: '2026-11-01' } }]);
  assert.ok(all.segments.some((s: { file: string }) => s.file === 'marketing/travel.segment'));

  const one = JSON.parse(runSegments(['diff', 'travel.segment', '--base', 'main', '--format', 'json'], project).stdout);
  assert.deepEqual(one.segments.map((s: { segment: string; status: string }) => [s.segment, s.status]), [['travellers', 'changed']]);
  // From the repository root, naming the project folder.
  const fromTop = JSON.parse(runSegments(['diff', 'marketing', '--base', 'main', '--format', 'json'], root).stdout);
  assert.deepEqual(fromTop.segments, all.segments);
});

test('a project that did not exist in base: every segment is added', () => {
  const root = makeRepo({ 'README.md': '# repo\n' });
  writeFiles(root, shop(BASE_AUDIENCES));
  const report = JSON.parse(runSegments(['diff', '--base', 'main', '--format', 'json'], root).stdout);
  assert.equal(report.summary.added, 6);
  assert.equal(report.summary.text, '6 segments added');
});

test('diff --help describes the command and its options', () => {
  const root = makeProject({});
  const r = runSegments(['diff', '--help'], root);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Usage: segments diff \[options\] \[paths\.\.\.\]/);
  for (const option of ['--base <ref>', '--head <ref>', '--format <format>', '--fail-on-change <percent>']) assert.ok(r.stdout.includes(option), option);
});

test('a PR comment a reviewer reads in 10 seconds: the size table first, one section per changed definition, moves collapsed', () => {
  const many = Array.from({ length: 25 }, (_, i) => `segment s${String(i).padStart(2, '0')} {\n  include age > ${i}\n}\n`).join('');
  const root = makeRepo({
    'segments.config.json': CONFIG,
    'users.csv': USERS,
    'events.csv': EVENTS,
    'a.segment': `${many}segment target {\n  include age >= 18\n}\nsegment grows {\n  include age > 60\n}\n`,
  });
  // 25 segments move to another file unchanged; two change, by different amounts.
  writeFiles(root, { 'a.segment': 'segment target {\n  include age >= 21\n}\nsegment grows {\n  include age > 30\n}\n', 'b.segment': many });
  const r = runSegments(['diff', '--base', 'main'], root);
  assert.equal(r.status, 0, r.stderr);
  const md = r.stdout;
  const table = md.indexOf('| Segment | Change | Size | Δ | Δ% |');
  assert.ok(table > 0 && table < md.indexOf('####'), 'the table comes before the definitions');
  // Sorted by how far the size moved: grows 2 → 4 (+100.0%) before target 8 → 6 (−25.0%).
  const rows = md.split('\n').filter((l) => l.startsWith('| [`'));
  assert.deepEqual(rows, [
    '| [`grows`](#grows--changed) | changed | 2 → 4 | +2 | +100.0% |',
    '| [`target`](#target--changed) | changed | 8 → 6 | −2 | −25.0% |',
  ]);
  assert.equal(md.match(/^#### /gm)?.length, 2, 'one section per changed definition, none for a move');
  assert.match(md, /<details><summary>25 segments moved to another file, definitions unchanged<\/summary>/);
  assert.equal(md.match(/^- `s\d\d`: `a\.segment` → `b\.segment`$/gm)?.length, 25);
  assert.doesNotMatch(md, /The definition is unchanged/);
  // JSON stays complete: every moved segment is there with its file and size.
  const json = JSON.parse(runSegments(['diff', '--base', 'main', '--format', 'json'], root).stdout) as { segments: { status: string; movedFrom?: string; size: { before: number } }[] };
  assert.equal(json.segments.filter((s) => s.status === 'moved' && s.movedFrom === 'a.segment').length, 25);
});
