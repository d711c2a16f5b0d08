import type { ClientRecord } from '../../domain/client.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { ByVersion } from '../shared/by-version.ts';
import { clientFromRow, poolFromRow, userFromRow, type Row } from '../shared/rows.ts';
import type { SignedInKeys, SignedInRows } from '../store.ts';
import type { Db } from './db.ts';

/**
 * A row still at the seq and version held: those two, which are all ByVersion.record looks at then.
 * Not to_jsonb of the row with its configuration replaced: that turned the kilobytes of
 * configuration text into JSON on every request, only to drop them.
 */
const UNCHANGED = (t: string) => `jsonb_build_object('seq', ${t}.seq, 'version', ${t}.version, 'config', NULL)`;

/**
 * Each row as JSON (to_jsonb of the whole row, so a column a newer migration adds comes along as with
 * SELECT *): its TEXT, BIGINT and BOOLEAN columns arrive as the same strings, numbers and booleans pg
 * gives for the columns themselves, so the shared row functions make the same records. The pool's
 * and the client's configuration is left out (NULL) when the row still has the seq and version this
 * instance holds it at (ByVersion): every change of it adds one to the version, whichever instance
 * made it, and a deleted row's seq is never reused.
 */
const SIGNED_IN = `SELECT
  (SELECT CASE WHEN p.seq = $5 AND p.version = $6 THEN ${UNCHANGED('p')} ELSE to_jsonb(p) END
     FROM pools p WHERE p.id = $1) AS pool,
  (SELECT CASE WHEN c.seq = $7 AND c.version = $8 THEN ${UNCHANGED('c')} ELSE to_jsonb(c) END
     FROM clients c WHERE c.client_id = $2 AND c.pool_id = $1) AS client,
  (SELECT to_jsonb(u) FROM users u WHERE u.pool_id = $1 AND u.sub = $3) AS "user",
  EXISTS (SELECT 1 FROM revoked_origins r WHERE r.origin_jti = $4) AS revoked`;

/**
 * Store.signedInRows on PostgreSQL: one statement, on whichever pooled connection is free, where
 * the four reads were four statements on four connections. `db` is the pool's (never a transaction's:
 * the configurations held are of committed rows only).
 */
export function signedInRows(db: Db): (keys: SignedInKeys) => Promise<SignedInRows> {
  const pools = new ByVersion<PoolRecord>();
  const clients = new ByVersion<ClientRecord>();
  return async ({ poolId, clientId, sub, originJti }) => {
    const clientKey = `${poolId} ${clientId}`;
    const pool = pools.entry(poolId);
    const client = clientId === undefined ? undefined : clients.entry(clientKey);
    const r = (await db.one(SIGNED_IN, [poolId, clientId ?? null, sub ?? null, originJti ?? null, ...ByVersion.params(pool), ...ByVersion.params(client)]))!;
    const row = (v: unknown) => (v ?? undefined) as Row | undefined;
    return {
      pool: pools.record(poolId, row(r.pool), poolFromRow, undefined, pool),
      client: clientId === undefined ? undefined : clients.record(clientKey, row(r.client), clientFromRow, undefined, client),
      user: r.user ? userFromRow(r.user as Row) : undefined,
      revoked: r.revoked === true,
    };
  };
}
