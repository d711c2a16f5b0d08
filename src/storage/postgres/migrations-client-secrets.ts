import type { Migration } from '../shared/migration.ts';

/** Migration 20 (issue 22): an app client's secrets, as SQLite's migration 24. */
export const clientSecretMigrations: Migration[] = [
  {
    version: 20,
    name: 'app client secrets',
    sql: 'ALTER TABLE clients ADD COLUMN secrets TEXT;',
  },
];
