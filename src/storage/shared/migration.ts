/**
 * One numbered change of a store's schema. Both adapters number theirs alike, so a database's
 * version means the same on either. Never edit a migration that has shipped: add the next number.
 */
export interface Migration<Db = never> {
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do, after `sql`, in the same transaction (on the adapter's own connection). */
  run?: (db: Db) => void;
}
