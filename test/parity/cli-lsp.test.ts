// The CLI and the editor say the same thing: the same broken and healthy
// projects go through `segments check --format json` and through the language
// server over stdio (as an editor talks to it), and both must report the same
// diagnostics — code, file, line, severity — and the same sizes. Both ask one
// project snapshot (core/workspace/snapshot.ts); this test is what keeps it so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { makeProject, runSegments } from '../support/cli';
import { fileUri, removeProject, startServer } from '../lsp/support';

const USERS = 'user_id,age,city\nu1,30,Oslo\nu2,41,Bergen\nu3,,Oslo\n';
const CONFIG = { sample: 'users.csv', asOf: '2026-11-01' };
const config = (extra: Record<string, unknown> = {}) => JSON.stringify({ ...CONFIG, ...extra });

interface Case {
  name: string;
  files: Record<string, string>;
  /** Codes the case is about: both sides must report each (so a case cannot pass by reporting nothing). */
  expect: string[];
}

const CASES: Case[] = [
  {
    name: 'a healthy project',
    files: { 'a.segment': 'segment oslo {\n  include city = "Oslo"\n}\nsegment older {\n  include age > 35\n}\n' },
    expect: [],
  },
  {
    name: 'a JSON syntax error in the config',
    files: { 'segments.config.json': '{ "sample": "users.csv", }', 'a.segment': 'segment oslo {\n  include city = "Oslo"\n}\n' },
    expect: ['config-syntax'],
  },
  {
    name: 'values of the wrong type (config and segment)',
    files: { 'segments.config.json': config({ population: 'many' }), 'a.segment': 'segment s {\n  include age = "old"\n}\n' },
    expect: ['config-wrong-type', 'type-mismatch'],
  },
  {
    name: 'a schema type the schema does not know',
    files: {
      'segments.config.json': config({ schema: 'schema.json' }),
      'schema.json': '{\n  "attributes": {\n    "age": { "type": "decimal" }\n  }\n}\n',
      'a.segment': 'segment s {\n  include age > 3\n}\n',
    },
    expect: ['schema-unknown-type'],
  },
  {
    name: 'a sample file that is not there',
    files: { 'segments.config.json': config({ sample: 'gone.csv' }), 'a.segment': 'segment s {\n  include age > 3\n}\n' },
    expect: ['config-missing-file'],
  },
  {
    name: 'duplicate ids, in the sample and among segments',
    files: {
      'users.csv': 'user_id,age,city\nu1,30,Oslo\nu1,41,Bergen\n',
      'a.segment': 'segment s {\n  include age > 3\n}\n',
      'b.segment': '\nsegment s {\n  include age > 4\n}\n',
    },
    expect: ['sample-duplicate-id', 'duplicate-segment'],
  },
  {
    name: 'conditions nested too deep',
    files: { 'a.segment': `segment deep {\n  include ${'('.repeat(120)}age > 1${')'.repeat(120)}\n}\nsegment fine {\n  include age > 1\n}\n` },
    expect: ['too-deeply-nested'],
  },
  {
    name: 'a segment that matches nobody in the sample',
    files: { 'a.segment': 'segment nobody {\n  include city = "Oslo" and age > 90\n}\n' },
    expect: ['matches-nobody'],
  },
  {
    name: 'a cycle of references',
    files: { 'a.segment': 'segment a {\n  include segment b\n}\n', 'b.segment': 'segment b {\n  include segment a\n}\n' },
    expect: ['reference-cycle'],
  },
  {
    name: 'a segment that uses a broken one',
    files: { 'a.segment': 'segment broken {\n  include agee > 3\n}\nsegment user {\n  include segment broken and city = "Oslo"\n}\n' },
    expect: ['unknown-attribute'],
  },
];

const SEVERITY = ['', 'error', 'warning', 'info'];

/** `file:line severity code` for each diagnostic, sorted: what both sides must agree on. */
function key(file: string, line: number, severity: string, code: string): string {
  return `${file}:${line} ${severity} ${code}`;
}

function segmentFiles(root: string): string[] {
  return readdirSync(root).filter((f) => f.endsWith('.segment')).sort();
}

for (const c of CASES) {
  test(`CLI and language server agree: ${c.name}`, async () => {
    const root = makeProject({ 'segments.config.json': config(), 'users.csv': USERS, ...c.files });
    const client = await startServer({ root });
    try {
      // The CLI: check --format json (diagnostics) and size --format json (sizes).
      const check = runSegments(['check', '--format', 'json'], root);
      const cli = (JSON.parse(check.stdout) as { file: string; line: number; severity: string; code: string }[]).map((d) => key(d.file, d.line, d.severity, d.code)).sort();
      for (const code of c.expect) assert.ok(cli.some((k) => k.endsWith(` ${code}`)), `the CLI reports ${code}: ${cli.join(', ')}`);
      if (c.expect.length === 0) assert.deepEqual(cli, []);

      // The server: everything it publishes for files of the project, once the sample is loaded.
      const published = (): string[] =>
        [...client.published]
          .flatMap(([uri, p]) => p.diagnostics.map((d) => key(relative(root, fileURLToPath(uri)), d.range.start.line + 1, SEVERITY[d.severity ?? 1], String(d.code))))
          .sort();
      const got = await client
        .until('the same diagnostics as the CLI', () => (JSON.stringify(published()) === JSON.stringify(cli) ? published() : undefined))
        .catch(() => published());
      assert.deepEqual(got, cli);

      // Sizes: each segment's count in `size --format json`, or why not, and the CodeLens above it.
      const size = runSegments(['size', '--format', 'json'], root);
      const rows = JSON.parse(size.stdout || '[]') as { segment: string; file: string; count: number | null }[];
      for (const file of segmentFiles(root)) {
        const uri = fileUri(join(root, file));
        const text = readFileSync(join(root, file), 'utf8');
        client.open(uri, text);
        const lenses = await client.until(`sizes in ${file}`, async () => {
          const list = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
          return list.some((l) => l.command?.title === 'loading sample…') ? undefined : list;
        });
        const lines = text.split('\n');
        const fromServer = lenses
          .filter((l) => !l.command!.title.startsWith('≈'))
          .map((l) => {
            const id = /^segment\s+(\w+)/.exec(lines[l.range.start.line])?.[1];
            const count = /^([\d,]+) of /.exec(l.command!.title)?.[1];
            return `${id} ${count === undefined ? null : Number(count.replace(/,/g, ''))}`;
          });
        const fromCli = rows.filter((r) => r.file === file).map((r) => `${r.segment} ${r.count}`);
        assert.deepEqual(fromServer, fromCli, `sizes in ${file}`);
      }
    } finally {
      await client.stop();
      removeProject(root);
    }
  });
}
