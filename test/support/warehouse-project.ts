// A project whose "warehouse" holds exactly its sample: 100,000 generated
// profiles and their events (scripts/sample-generator.ts, the demo's columns)
// with the demo's schema and segments, and the same rows loaded into real
// engines — PostgreSQL (from npm), a DuckDB database file, Parquet files — so
// an exact count there must equal the sample engine's count, segment by segment.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generateSample } from '../../scripts/sample-generator';
import { loadIntoDuckDb, loadIntoPostgres } from '../agreement/load-tables';
import { agreementData, DEMO_ROOT, loadProject } from '../agreement/project';
import { eventsTable, profilesTable, type SqlTable } from '../agreement/sample-tables';
import type { PostgresServer } from './postgres';

export const WAREHOUSE_AS_OF = '2026-11-01';

export interface WarehouseProject {
  root: string;
  profiles: number;
  /** The sample as SQL tables, typed as the compiler expects. */
  tables: SqlTable[];
}

export function makeWarehouseProject(profiles = 100_000): WarehouseProject {
  const root = mkdtempSync(join(tmpdir(), 'segments-warehouse-'));
  mkdirSync(join(root, 'data'));
  generateSample({ profileCount: profiles, seed: 7, asOf: WAREHOUSE_AS_OF, profilesFile: join(root, 'data', 'users.csv'), eventsFile: join(root, 'data', 'events.csv') });
  cpSync(join(DEMO_ROOT, 'schema.json'), join(root, 'schema.json'));
  cpSync(join(DEMO_ROOT, 'segments'), join(root, 'segments'), { recursive: true });
  const config = { sample: 'data/users.csv', events: 'data/events.csv', schema: 'schema.json', idColumn: 'user_id', asOf: WAREHOUSE_AS_OF, population: 2_400_000 };
  writeFileSync(join(root, 'segments.config.json'), JSON.stringify(config, null, 2));
  const data = agreementData(loadProject(root));
  return { root, profiles, tables: [profilesTable(data.store, data.catalog), eventsTable(data.store, data.catalog)] };
}

/** The tables in PostgreSQL's `postgres` database; the URL a user would give (trust authentication, no password). */
export async function loadWarehousePostgres(server: PostgresServer, project: WarehouseProject): Promise<string> {
  for (const table of project.tables) await loadIntoPostgres(server.client, server.stagingDir, table);
  return `postgres://postgres@${server.host}:${server.port}/postgres`;
}

/** The tables in a DuckDB database file, and the same tables as Parquet files beside it. */
export async function writeWarehouseDuckDb(project: WarehouseProject, dir: string): Promise<{ database: string; profilesParquet: string; eventsParquet: string }> {
  const database = join(dir, 'warehouse.duckdb');
  const profilesParquet = join(dir, 'profiles.parquet');
  const eventsParquet = join(dir, 'events.parquet');
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  try {
    for (const table of project.tables) await loadIntoDuckDb(connection, table);
    await connection.run(`COPY profiles TO '${profilesParquet}' (FORMAT parquet)`);
    await connection.run(`COPY events TO '${eventsParquet}' (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { database, profilesParquet, eventsParquet };
}
