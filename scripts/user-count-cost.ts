/**
 * What DescribeUserPool's EstimatedNumberOfUsers costs: seeds one pool with N users (default
 * 100,000; `--users N`) beside a second pool of N/10, in a SQLite file and, when it answers, in a
 * PostgreSQL schema of its own (COGNATE_TEST_POSTGRES_URL), then times the store's users.count
 * for the large pool. A measurement, not a test.
 *
 *   npx node scripts/user-count-cost.ts [--users 100000] [--runs 50]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { userKeys, type UserRecord } from '../src/domain/user.ts';
import type { PoolRecord } from '../src/domain/pool.ts';
import { PostgresStore } from '../src/storage/postgres/store.ts';
import { SqliteStore } from '../src/storage/sqlite/store.ts';
import type { Store } from '../src/storage/store.ts';
import { dropSchemas, postgresUnavailable, schemaName, TEST_POSTGRES_URL, withAdmin } from '../test/support/postgres.ts';

const { values } = parseArgs({ options: { users: { type: 'string', default: '100000' }, runs: { type: 'string', default: '50' } } });
const TOTAL = Number(values.users);
const RUNS = Number(values.runs);
const BATCH = 2000;

async function seed(store: Store, pool: PoolRecord, count: number): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const sub = randomUUID();
        const username = `user${i}`;
        const user: UserRecord = {
          poolId: pool.id, sub, username, status: 'CONFIRMED', enabled: true,
          attributes: { sub, email: `${username}@example.com`, email_verified: 'true' },
          pending: {}, password: null, settings: {}, createdAt: Date.now(), lastModifiedAt: Date.now(), version: 1,
        };
        await tx.users.create(user, userKeys(pool.config, user));
      }
    });
  }
}

async function measure(label: string, store: Store, analyze?: () => Promise<void>, explain?: (poolId: string) => Promise<string>): Promise<void> {
  const big: PoolRecord = { id: 'us-east-1_BIGPOOL00', name: 'big', createdAt: 0, lastModifiedAt: 0, config: {} };
  const small: PoolRecord = { id: 'us-east-1_SMALLPOOL', name: 'small', createdAt: 0, lastModifiedAt: 0, config: {} };
  await store.pools.create(big);
  await store.pools.create(small);
  const t0 = performance.now();
  await seed(store, big, TOTAL);
  await seed(store, small, Math.floor(TOTAL / 10));
  console.log(`${label}: seeded ${TOTAL} + ${Math.floor(TOTAL / 10)} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await analyze?.();
  const times: number[] = [];
  for (let r = 0; r < RUNS + 5; r++) {
    const s = performance.now();
    const n = await store.users.count(big.id);
    if (n !== TOTAL) throw new Error(`counted ${n}, expected ${TOTAL}`);
    if (r >= 5) times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  console.log(`${label}: users.count over ${TOTAL} users: median ${at(0.5)} ms, p90 ${at(0.9)} ms`);
  if (explain) console.log(`${label}: plan: ${await explain(big.id)}`);
}

const dir = mkdtempSync(join(tmpdir(), 'cognate-count-'));
const file = join(dir, 'count.db');
const sqlite = new SqliteStore(file);
try {
  await measure('sqlite (file)', sqlite, undefined, async (poolId) => {
    const db = new DatabaseSync(file, { readOnly: true });
    try {
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT count(*) AS n FROM users WHERE pool_id = ?').all(poolId) as { detail: string }[];
      return plan.map((p) => p.detail).join(' | ');
    } finally {
      db.close();
    }
  });
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}

const unavailable = await postgresUnavailable();
if (unavailable) {
  console.log(`postgres: skipped (${unavailable})`);
} else {
  const schema = schemaName('count');
  await withAdmin((c) => c.query(`CREATE SCHEMA "${schema}"`));
  const pg = await PostgresStore.open({ url: TEST_POSTGRES_URL, schema });
  try {
    // Autovacuum would do this in time; done here so the visibility map lets the count read the index alone.
    await measure('postgres', pg, () => withAdmin(async (c) => void (await c.query(`VACUUM ANALYZE "${schema}".users`))), (poolId) =>
      withAdmin(async (c) => {
        const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) AS n FROM "${schema}".users WHERE pool_id = $1`, [poolId]);
        return r.rows.map((row: Record<string, string>) => Object.values(row)[0].trim()).join(' | ');
      }));
  } finally {
    await pg.close();
    await dropSchemas([schema]);
  }
}
