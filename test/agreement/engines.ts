// The three ways of finding a segment's members, side by side on one sample:
// the evaluator on the SampleStore, and the compiled SQL on DuckDB and on
// PostgreSQL holding the same data. One connection per engine for the whole
// test file.
import { DuckDbHarness } from '../core/sql/duckdb-harness';
import { startPostgres, TEST_TIME_ZONE, type PostgresServer } from '../support/postgres';
import { Evaluator } from '../../server/src/core/evaluate/evaluator';
import type { Catalog } from '../../server/src/core/sample/catalog-types';
import { type SampleStore } from '../../server/src/core/sample/store';
import { formatDay, parseIsoDay } from '../../server/src/core/base/days';
import { compileSegment } from '../../server/src/core/sql/compile';
import type { SegmentDecl } from '../../server/src/core/syntax/ast';
import { loadIntoDuckDb, loadIntoPostgres } from './load-tables';
import { eventsTable, profilesTable } from './sample-tables';

export interface AgreementData {
  store: SampleStore;
  catalog: Catalog;
  /** `YYYY-MM-DD`; undefined means today (UTC) for the evaluator and the engine's current date for SQL. */
  asOf?: string;
}

/** Members found three ways, each sorted; the SQL as compiled, for failure messages. */
export interface MemberSets {
  evaluator: string[];
  duckdb: string[];
  postgres: string[];
  sql: { duckdb: string; postgres: string };
}

export class AgreementEngines {
  private readonly evaluators = new Map<string, Evaluator>();

  private constructor(
    readonly data: AgreementData,
    readonly duckdb: DuckDbHarness,
    readonly postgres: PostgresServer,
  ) {}

  /** Starts both engines and loads the store into each. The caller must `close()` (in an `after` hook). */
  static async open(data: AgreementData): Promise<AgreementEngines> {
    const tables = [profilesTable(data.store, data.catalog), eventsTable(data.store, data.catalog)];
    const [duckdb, postgres] = await Promise.all([DuckDbHarness.open(), startPostgres()]);
    try {
      // As on the PostgreSQL server: the queries must not depend on the session time zone.
      await duckdb.connection.run(`SET TimeZone = '${TEST_TIME_ZONE}'`);
      for (const table of tables) {
        await loadIntoDuckDb(duckdb.connection, table);
        await loadIntoPostgres(postgres.client, postgres.stagingDir, table);
      }
    } catch (e) {
      duckdb.close();
      await postgres.stop();
      throw e;
    }
    return new AgreementEngines(data, duckdb, postgres);
  }

  get idColumn(): string {
    return this.data.store.profiles.idColumn;
  }

  /** One evaluator per asOf, kept for the whole file: its condition cache is part of what is tested. */
  private evaluator(asOf: string | undefined): Evaluator {
    const day = asOf === undefined ? Math.floor(Date.now() / 86_400_000) : parseIsoDay(asOf);
    if (day === undefined) throw new Error(`bad asOf ${asOf}`);
    const key = formatDay(day);
    let evaluator = this.evaluators.get(key);
    if (!evaluator) {
      evaluator = new Evaluator(this.data.store, { asOfDay: day });
      this.evaluators.set(key, evaluator);
    }
    return evaluator;
  }

  compile(decl: SegmentDecl, segmentsById: ReadonlyMap<string, SegmentDecl>, dialect: 'duckdb' | 'postgres', asOf: string | undefined): string {
    return compileSegment(decl, segmentsById, { dialect, idColumn: this.idColumn, asOf, catalog: this.data.catalog });
  }

  async postgresIds(sql: string): Promise<string[]> {
    const result = await this.postgres.client.query({ text: sql, rowMode: 'array' });
    return (result.rows as unknown[][]).map((row) => String(row[0])).sort();
  }

  /**
   * The members of one segment by the evaluator, DuckDB and PostgreSQL, as of
   * the data's asOf, or `options.asOf`; with `asOf: 'today'` the evaluator
   * counts from today (UTC) and the SQL from the engine's current date.
   */
  async members(decl: SegmentDecl, segmentsById: ReadonlyMap<string, SegmentDecl>, options: { asOf?: string } = {}): Promise<MemberSets> {
    const chosen = options.asOf ?? this.data.asOf;
    const asOf = chosen === 'today' ? undefined : chosen;
    const evaluator = this.evaluator(asOf).memberIds(decl, segmentsById).sort();
    const sql = {
      duckdb: this.compile(decl, segmentsById, 'duckdb', asOf),
      postgres: this.compile(decl, segmentsById, 'postgres', asOf),
    };
    const [duckdb, postgres] = await Promise.all([this.duckdb.queryIds(sql.duckdb), this.postgresIds(sql.postgres)]);
    return { evaluator, duckdb, postgres, sql };
  }

  async close(): Promise<void> {
    this.duckdb.close();
    await this.postgres.stop();
  }
}

const SHOWN = 5;

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function difference(a: string[], b: string[]): string[] {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
}

function firstFew(ids: string[]): string {
  if (ids.length === 0) return 'none';
  const shown = ids.slice(0, SHOWN).join(', ');
  return ids.length > SHOWN ? `${shown}, … (${ids.length} in all)` : shown;
}

/**
 * Undefined when all three agree; otherwise a readable report: the counts, and
 * for each engine that differs from the evaluator the first few ids it has
 * extra and the first few it lacks, followed by that engine's SQL.
 */
export function disagreement(label: string, sets: MemberSets): string | undefined {
  const engines = (['duckdb', 'postgres'] as const).filter((e) => !sameList(sets[e], sets.evaluator));
  if (engines.length === 0) return undefined;
  const lines = [
    `${label}: the engines disagree (evaluator ${sets.evaluator.length}, duckdb ${sets.duckdb.length}, postgres ${sets.postgres.length} members)`,
  ];
  for (const engine of engines) {
    lines.push(
      `  ${engine} has extra: ${firstFew(difference(sets[engine], sets.evaluator))}`,
      `  ${engine} lacks:     ${firstFew(difference(sets.evaluator, sets[engine]))}`,
    );
  }
  for (const engine of engines) lines.push(`  ${engine} SQL:`, ...sets.sql[engine].split('\n').map((l) => `    ${l}`));
  return lines.join('\n');
}
