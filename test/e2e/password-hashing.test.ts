/**
 * Password hashes made under older or weaker parameters: a user whose hash is Cognate's earlier
 * scrypt, or development's cheap argon2id, signs in on a server hashing strongly, and afterwards
 * holds a hash under the server's parameters (read from the store, opened with the sealer), and
 * signs in again; UserLastModifiedDate does not move. A server hashing cheaply leaves stronger
 * hashes as they are. Through the AWS SDK, against a server in this process.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AdminInitiateAuthCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { userKeys } from '../../src/domain/user.ts';
import { STRONG, type HashParameters } from '../../src/services/passwords/hash.ts';
import { createPasswordHasher } from '../../src/services/passwords/hasher.ts';
import { HashLimiter } from '../../src/services/passwords/limiter.ts';
import { openPassword, sealPassword } from '../../src/services/passwords/sealed.ts';
import { legacyScryptHash } from '../support/legacy-hash.ts';
import { ALL_FLOWS, createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const PASSWORD = 'Corr3ct-horse';
const hashUnder = (parameters: HashParameters) =>
  createPasswordHasher({ parameters, random: { bytes: (n) => randomBytes(n) }, limiter: new HashLimiter(1, 10) }).hash(PASSWORD);

/** A server, a pool allowing every password flow, and a way to read and replace a user's hash. */
async function serverWith(settings: Record<string, unknown>) {
  const tb = await startTestbed({}, settings);
  const pool = await createPool(tb, { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } } });
  const client = await createClient(tb, pool, { ExplicitAuthFlows: [...ALL_FLOWS, 'ALLOW_USER_AUTH'] });
  return { tb, pool, client };
}

async function userWithHash(tb: Testbed, pool: PoolRecord, username: string, hash: string) {
  const made = await createTestUser(tb, pool, { username, password: PASSWORD });
  const user = (await tb.app.store.users.get(pool.id, made.sub))!;
  const password = sealPassword(tb.app.deps.sealer, { ...openPassword(tb.app.deps.sealer, user.password!), hash });
  assert.ok(await tb.app.store.users.update({ ...user, password }, userKeys(pool.config, user)));
  return made.sub;
}

async function storedHash(tb: Testbed, pool: PoolRecord, sub: string) {
  const user = (await tb.app.store.users.get(pool.id, sub))!;
  return { hash: openPassword(tb.app.deps.sealer, user.password!).hash, lastModifiedAt: user.lastModifiedAt };
}

const signIns = (tb: Testbed, pool: PoolRecord, client: ClientRecord) => ({
  user: (USERNAME: string, password = PASSWORD) =>
    tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME, PASSWORD: password } })),
  admin: (USERNAME: string) =>
    tb.cognito.send(new AdminInitiateAuthCommand({ UserPoolId: pool.id, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME, PASSWORD } })),
  choice: (USERNAME: string) =>
    tb.cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD } })),
});

describe('password hashes on a server hashing strongly', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let signIn: ReturnType<typeof signIns>;
  const STRONG_PREFIX = '$argon2id$v=19$m=19456,t=2,p=1$';

  before(async () => {
    let client: ClientRecord;
    ({ tb, pool, client } = await serverWith({ passwordHashing: 'strong' }));
    signIn = signIns(tb, pool, client);
  });
  after(() => tb.close());

  it('makes new hashes argon2id under production parameters', async () => {
    const { sub } = await createTestUser(tb, pool, { username: 'new', password: PASSWORD });
    assert.ok((await storedHash(tb, pool, sub)).hash.startsWith(STRONG_PREFIX));
  });

  it('signs in a user with an earlier scrypt hash, then holds argon2id and still signs in', async () => {
    const sub = await userWithHash(tb, pool, 'legacy', await legacyScryptHash(PASSWORD));
    const before = await storedHash(tb, pool, sub);
    assert.match(before.hash, /^scrypt\$32768\$8\$1\$/);
    await rejectsWith(signIn.user('legacy', 'Wr0ng-horse'), 'NotAuthorizedException');
    assert.equal((await storedHash(tb, pool, sub)).hash, before.hash, 'a wrong password changes nothing');
    assert.ok((await signIn.user('legacy')).AuthenticationResult?.AccessToken);
    const after = await storedHash(tb, pool, sub);
    assert.ok(after.hash.startsWith(STRONG_PREFIX), after.hash);
    assert.equal(after.lastModifiedAt, before.lastModifiedAt, 'bookkeeping: UserLastModifiedDate stays');
    assert.ok((await signIn.user('legacy')).AuthenticationResult?.AccessToken);
    assert.equal((await storedHash(tb, pool, sub)).hash, after.hash, 'made once');
  });

  it("upgrades development's cheap hashes at ADMIN_USER_PASSWORD_AUTH and USER_AUTH's PASSWORD too", async () => {
    const cheap = { algorithm: 'argon2id', memoryKiB: 64, passes: 1, parallelism: 1 } as const;
    for (const [name, flow] of [['by-admin', signIn.admin], ['by-choice', signIn.choice]] as const) {
      const sub = await userWithHash(tb, pool, name, await hashUnder(cheap));
      assert.ok((await flow(name)).AuthenticationResult?.AccessToken, name);
      assert.ok((await storedHash(tb, pool, sub)).hash.startsWith(STRONG_PREFIX), name);
      assert.ok((await signIn.user(name)).AuthenticationResult?.AccessToken, name);
    }
  });
});

describe('password hashes on a server hashing cheaply (development)', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let signIn: ReturnType<typeof signIns>;

  before(async () => {
    let client: ClientRecord;
    ({ tb, pool, client } = await serverWith({}));
    signIn = signIns(tb, pool, client);
  });
  after(() => tb.close());

  it('makes new hashes cheap by default', async () => {
    const { sub } = await createTestUser(tb, pool, { username: 'new', password: PASSWORD });
    assert.match((await storedHash(tb, pool, sub)).hash, /^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
  });

  it('signs in users whose hashes are stronger and leaves their hashes as they are', async () => {
    for (const [name, hash] of [['from-production', await hashUnder(STRONG)], ['legacy', await legacyScryptHash(PASSWORD)]]) {
      const sub = await userWithHash(tb, pool, name!, hash!);
      assert.ok((await signIn.user(name!)).AuthenticationResult?.AccessToken, name);
      assert.equal((await storedHash(tb, pool, sub)).hash, hash, name);
    }
  });
});
