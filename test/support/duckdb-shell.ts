// What `duckdb FILE < script.sql` does, for tests on a machine without the
// DuckDB command-line program (npm does not ship it): reads a SQL script from
// standard input, runs each statement on the database FILE (or in memory),
// and prints each result's rows as CSV with a header, one blank line between
// results. Run: node --import tsx test/support/duckdb-shell.ts [FILE]
import { DuckDBInstance } from '@duckdb/node-api';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const instance = await DuckDBInstance.create(process.argv[2] ?? ':memory:');
  const connection = await instance.connect();
  try {
    const statements = await connection.extractStatements(Buffer.concat(chunks).toString('utf8'));
    const results: string[] = [];
    for (let i = 0; i < statements.count; i++) {
      const reader = await (await statements.prepare(i)).runAndReadAll();
      const rows = reader.getRows().map((row) => row.map((v) => (v === null ? '' : String(v))).join(','));
      results.push([reader.columnNames().join(','), ...rows].join('\n'));
    }
    process.stdout.write(results.join('\n\n') + '\n');
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

await main();
