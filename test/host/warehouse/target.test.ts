// `--on TARGET`: what each form means, and that a connection string never shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duckDbFileKind, parseTarget, redact, TargetError } from '../../../server/src/host/warehouse/target';

const URL = 'postgresql://ana:s3cr%21t@db.internal.example:6543/marketing?sslmode=require&application_name=crm';

test('a PostgreSQL URL from the flag or from SEGMENTS_DATABASE_URL; its label never holds it', () => {
  const fromFlag = parseTarget(URL, '/', {});
  assert.deepEqual(fromFlag, { kind: 'postgres', url: URL, label: 'postgres' });
  assert.deepEqual(parseTarget('postgres', '/', { SEGMENTS_DATABASE_URL: URL }), { kind: 'postgres', url: URL, label: 'postgres' });
  assert.throws(() => parseTarget('postgres', '/', {}), (e: Error) => e instanceof TargetError && /SEGMENTS_DATABASE_URL, which is not set/.test(e.message));
  assert.throws(() => parseTarget('postgres', '/', { SEGMENTS_DATABASE_URL: 'mysql://x' }), (e: Error) => e instanceof TargetError && !e.message.includes('mysql://x'));
});

test('duckdb:FILE relative to the working folder; the kind of file by its extension', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segments-target-'));
  writeFileSync(join(dir, 'w.duckdb'), '');
  writeFileSync(join(dir, 'users.parquet'), '');
  assert.deepEqual(parseTarget('duckdb:w.duckdb', dir, {}), { kind: 'duckdb', file: join(dir, 'w.duckdb'), format: 'database', label: 'duckdb:w.duckdb' });
  assert.equal((parseTarget('duckdb:users.parquet', dir, {}) as { format: string }).format, 'parquet');
  assert.throws(() => parseTarget('duckdb:none.duckdb', dir, {}), /no such file for --on duckdb: none\.duckdb/);
  assert.throws(() => parseTarget('snowflake://x', dir, {}), /--on takes postgres:\/\/…, postgres .* or duckdb:FILE/);
  assert.deepEqual(['a.csv', 'a.TSV', 'a.parquet', 'a.jsonl', 'a.db', 'a'].map(duckDbFileKind), ['csv', 'csv', 'parquet', 'jsonl', 'database', 'database']);
});

test('redact removes every part of a connection string from a driver message', () => {
  const message = `connect failed for ${URL}: password authentication failed for user "ana" (s3cr!t) at db.internal.example:6543 database "marketing", require`;
  const clean = redact(message, URL);
  for (const secret of [URL, 'ana', 's3cr!t', 's3cr%21t', 'db.internal.example', '6543', 'marketing']) assert.ok(!clean.includes(secret), `${secret} in ${clean}`);
  assert.match(clean, /password authentication failed for user/);
});
