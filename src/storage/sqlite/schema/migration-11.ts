import type { DatabaseSync } from 'node:sqlite';
import { PER_MS, sequencedMessageId } from '../../shared/message-ids.ts';
import type { Migration } from '../../shared/migration.ts';

/** Migration 11, in a file of its own for its JavaScript step (see migrations.ts). */
export const outboxNumbering: Migration<DatabaseSync> = {
  version: 11,
  name: 'an outbox that writes one B-tree per message',
  // Each message written to the outbox had been four B-tree writes: the table, the index of its
  // ids, the index by pool (for ON DELETE CASCADE and the inbox), and AUTOINCREMENT's counter in
  // sqlite_sequence; GetUserAttributeVerificationCode spends more on its message than on its code.
  // Now the id is made from the row's number (message-ids.ts: the creation millisecond and a
  // counter, so not reused once the outbox is emptied) and read back from it, so there is no index
  // of ids and no counter table; a pool's messages are found by going through the outbox, which retention keeps small,
  // when the pool is deleted and when the inbox filters by pool. Rows are renumbered, in order, and
  // their ids remade to match.
  sql: `
    CREATE TABLE messages_v11 (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL,
      pool_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      username TEXT NOT NULL,
      medium TEXT NOT NULL,
      channel TEXT NOT NULL,
      destination TEXT NOT NULL,
      subject TEXT,
      body TEXT NOT NULL,
      from_address TEXT,
      reply_to TEXT,
      code TEXT,
      code_purpose TEXT,
      code_attribute TEXT,
      code_hmac BLOB,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      next_attempt_at INTEGER NOT NULL,
      lease_until INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      sent_at INTEGER
    );
  `,
  run: (db) => {
    const copy = db.prepare(`INSERT INTO messages_v11 (seq, id, pool_id, user_id, username, medium, channel, destination, subject, body, from_address, reply_to, code, code_purpose, code_attribute, code_hmac, status, attempts, last_error, next_attempt_at, lease_until, created_at, updated_at, sent_at) SELECT ?, ?, pool_id, user_id, username, medium, channel, destination, subject, body, from_address, reply_to, code, code_purpose, code_attribute, code_hmac, status, attempts, last_error, next_attempt_at, lease_until, created_at, updated_at, sent_at FROM messages WHERE seq = ?`);
    let last = 0;
    for (const r of db.prepare('SELECT seq, created_at FROM messages ORDER BY seq').iterate() as Iterable<{ seq: number; created_at: number }>) {
      last = Math.max(Math.floor(r.created_at) * PER_MS, last + 1);
      copy.run(last, sequencedMessageId(last), r.seq);
    }
    db.exec(`
      DROP TABLE messages;
      ALTER TABLE messages_v11 RENAME TO messages;
      CREATE INDEX messages_due ON messages(status, next_attempt_at) WHERE status IN ('queued', 'sending');
    `);
  },
};
