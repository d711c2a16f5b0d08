/**
 * Numbered schema migrations, applied in order at start-up inside one transaction each.
 * Never edit a migration that has shipped: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'pools and app clients',
    sql: `
      CREATE TABLE pools (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_modified_at INTEGER NOT NULL,
        config TEXT NOT NULL
      );
      CREATE TABLE clients (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        secret TEXT,
        created_at INTEGER NOT NULL,
        last_modified_at INTEGER NOT NULL,
        config TEXT NOT NULL
      );
      CREATE INDEX clients_by_pool ON clients(pool_id, seq);
    `,
  },
];
