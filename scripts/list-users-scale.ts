/**
 * How ListUsers with a filter scales: seeds a pool in a temporary SQLite file with N users
 * (default 100,000; `--users N`), and times ListUsers through the AWS SDK against the app
 * running in this process, at 1,000 users and at N. A measurement, not a test.
 *
 *   npx node scripts/list-users-scale.ts [--users 100000] [--requests 200]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateUserPoolCommand, ListUsersCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createApp, type App } from '../src/app/app.ts';
import { loadConfig } from '../src/app/config/load.ts';
import { userKeys, type UserRecord } from '../src/domain/user.ts';
import type { PoolRecord } from '../src/domain/pool.ts';
import { sdkClient } from '../test/e2e/harness.ts';

const { values } = parseArgs({ options: { users: { type: 'string', default: '100000' }, requests: { type: 'string', default: '200' } } });
const TOTAL = Number(values.users);
const REQUESTS = Number(values.requests);
const BATCH = 5000;

const name = (i: number) => `user${String(i).padStart(6, '0')}`;

/** Adds users [from, to) in transactions of BATCH users each. */
async function seed(app: App, pool: PoolRecord, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += BATCH) {
    await app.store.transaction(async (tx) => {
      for (let i = start; i < Math.min(to, start + BATCH); i++) {
        const sub = randomUUID();
        const username = name(i);
        const user: UserRecord = {
          poolId: pool.id, sub, username, status: i % 10 === 0 ? 'UNCONFIRMED' : 'CONFIRMED', enabled: true,
          attributes: { sub, email: `${username}@example.com`, email_verified: 'true', given_name: `Given${i % 997}`, family_name: `Family${i % 1009}` },
          pending: {}, password: null, settings: {}, createdAt: Date.now(), lastModifiedAt: Date.now(), version: 1,
        };
        await tx.users.create(user, userKeys(pool.config, user));
      }
    });
  }
}

async function median(label: string, population: number, makeFilter: (i: number) => string | undefined, cognito: CognitoIdentityProviderClient, poolId: string) {
  const times: number[] = [];
  let returned = 0;
  for (let r = 0; r < REQUESTS + 20; r++) {
    const Filter = makeFilter(Math.floor(Math.random() * population));
    const t0 = performance.now();
    const out = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter }));
    const ms = performance.now() - t0;
    if (r >= 20) {
      times.push(ms); // the first 20 warm up statements and connections
      returned += out.Users!.length;
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  console.log(`  ${label.padEnd(52)} median ${at(0.5)} ms   p90 ${at(0.9)} ms   (${(returned / times.length).toFixed(1)} users per page)`);
}

async function measure(population: number, cognito: CognitoIdentityProviderClient, poolId: string) {
  console.log(`\n${population.toLocaleString('en')} users, ${REQUESTS} requests each:`);
  // A 2-digit-shorter prefix of a random user's email: up to 100 matches, a full page of 60.
  await median('prefix filter  email ^= "user0123"', population, (i) => `email ^= "${name(i).slice(0, -2)}"`, cognito, poolId);
  await median('exact filter   email = "user012345@..."', population, (i) => `email = "${name(i)}@example.com"`, cognito, poolId);
  await median('status filter  cognito:user_status = "UNCONFIRMED"', population, () => 'cognito:user_status = "UNCONFIRMED"', cognito, poolId);
  await median('no filter (first page of 60)', population, () => undefined, cognito, poolId);
}

const dir = mkdtempSync(join(tmpdir(), 'cognate-scale-'));
const app = await createApp(loadConfig(['--db', join(dir, 'scale.db'), '--port', '0', '--log-level', 'silent'], {}));
try {
  const cognito = sdkClient(await app.listen());
  const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'scale' }))).UserPool!.Id!;
  const pool = (await app.store.pools.get(poolId))!;
  const small = Math.min(1000, TOTAL);
  let t0 = performance.now();
  await seed(app, pool, 0, small);
  console.log(`seeded ${small.toLocaleString('en')} users in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await measure(small, cognito, poolId);
  if (TOTAL > small) {
    t0 = performance.now();
    await seed(app, pool, small, TOTAL);
    console.log(`\nseeded ${(TOTAL - small).toLocaleString('en')} more users in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await measure(TOTAL, cognito, poolId);
  }
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
