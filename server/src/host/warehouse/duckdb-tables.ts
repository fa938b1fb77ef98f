// The names of the views DuckDB reads a data file through (`--on duckdb:users.parquet`):
// the queries for such a target are compiled with these table names.
export const FILE_TABLES = { profiles: 'profiles', events: 'events' } as const;
