/**
 * No input gives a 5xx (issue 18, finding 11): a property-based fuzz over every operation of the
 * model, implemented or not, in development and in production mode. Inputs come from each
 * operation's model shapes, spoiled at every level with nulls, wrong types, huge values, deep
 * nesting and unknown members, and naming the seed's real pool, clients, user and tokens often
 * enough to reach the handlers; raw bodies that are no request at all go to every operation too.
 * Every answer is a success or a client error in Cognito's shape; a refused request changes nothing
 * it named (unless it reports a delivery that failed after the change, as AWS's do); and after the
 * run a bystander pool is as it was and a normal sign-in works.
 *
 * COGNATE_FUZZ_RUNS sets the runs per operation and mode (default 20: about 6,600 requests, in
 * some 25 s); COGNATE_TEST_STORE=postgres runs it on PostgreSQL;
 * COGNATE_FUZZ_SEED replays a run (the seed is printed as a diagnostic, and a failure prints
 * fast-check's counterexample with the seed and path that replay it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { operationNames } from '../../src/model/validate.ts';
import { AFTER_THE_CHANGE, assertUnchanged, checkAnswer, seedState } from '../support/fuzz/checks.ts';
import { inputFor, materialize, rawBody, sendOptions } from '../support/fuzz/inputs.ts';
import { FuzzRig, type Mode, type SendOptions } from '../support/fuzz/rig.ts';

const RUNS = Number(process.env.COGNATE_FUZZ_RUNS ?? 20);
const RAW_RUNS = Math.max(1, Math.ceil(RUNS / 4));
const SEED = Number(process.env.COGNATE_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** A pool no generated request names: after the run, it must be exactly as it was. */
async function bystander(rig: FuzzRig) {
  const pool = await rig.call<{ UserPool: { Id: string } }>('CreateUserPool', { PoolName: 'bystander' });
  const poolId = pool.UserPool.Id;
  const client = await rig.call<{ UserPoolClient: { ClientId: string } }>('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await rig.call('AdminCreateUser', { UserPoolId: poolId, Username: 'bob', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] });
  await rig.call('AdminSetUserPassword', { UserPoolId: poolId, Username: 'bob', Password: 'Bystander-Passw0rd!', Permanent: true });
  const clientId = client.UserPoolClient.ClientId;
  const state = async () => {
    const { store } = rig.app;
    const { pools, clients, users } = store;
    return JSON.stringify([await pools.get(poolId), await clients.get(poolId, clientId), await users.getByUsername(poolId, 'bob')]);
  };
  return { poolId, clientId, state, before: await state() };
}

/** Answers by status and error type, for the diagnostics. */
class Tally {
  readonly counts = new Map<string, number>();
  add(status: number, body: string): void {
    const type = status === 200 ? '200' : `${status} ${(JSON.parse(body) as { __type: string }).__type}`;
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
  }
  toString(): string {
    return [...this.counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(', ');
  }
}

for (const mode of ['development', 'production'] as Mode[]) {
  describe(`fuzz in ${mode} mode: no input gives a 5xx`, () => {
    let rig: FuzzRig;
    let bystanderPool: Awaited<ReturnType<typeof bystander>>;
    const tally = new Tally();
    before(async () => {
      rig = await FuzzRig.start(mode);
      bystanderPool = await bystander(rig);
      await rig.ensureSeed();
    });
    after(() => rig.close());

    /** One request and what it must leave: an answer in Cognito's shape; when refused, the seed as it was. */
    async function probe(operation: string, body: string | Buffer, options?: SendOptions): Promise<void> {
      const seed = rig.seed;
      const before = await seedState(rig, seed);
      const answer = await rig.send(operation, body, options);
      checkAnswer(answer);
      tally.add(answer.status, answer.body);
      if (answer.status === 200 || AFTER_THE_CHANGE.has((JSON.parse(answer.body) as { __type: string }).__type)) await rig.repairSeed();
      else assertUnchanged(before, await seedState(rig, seed), `a refused ${operation} (${answer.body.slice(0, 300)})`);
    }

    it('answers inputs generated from each operation’s model with a success or a Cognito error', async (t) => {
      t.diagnostic(`seed ${SEED}, ${RUNS} runs per operation (COGNATE_FUZZ_SEED, COGNATE_FUZZ_RUNS)`);
      const started = rig.sent;
      const failures: string[] = [];
      for (const [i, operation] of operationNames.entries()) {
        await rig.ensureSeed();
        const property = fc.asyncProperty(inputFor(operation), (input) => probe(operation, materialize(input, rig.seed) ?? ''));
        const details = await fc.check(property, { numRuns: RUNS, seed: SEED + i });
        if (details.failed) failures.push(`${operation}: ${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}`);
      }
      t.diagnostic(`${rig.sent - started} requests over ${operationNames.length} operations; answers: ${tally}`);
      assert.deepEqual(failures, []);
    });

    it('answers bodies that are no request at all with a Cognito error, on every operation', async (t) => {
      const started = rig.sent;
      const property = fc.asyncProperty(fc.constantFrom(...operationNames), rawBody, sendOptions, (operation, body, options) => probe(operation, body, options));
      const details = await fc.check(property, { numRuns: RAW_RUNS * operationNames.length, seed: SEED });
      t.diagnostic(`${rig.sent - started} requests with raw bodies`);
      assert.equal(details.failed, false, `${fc.defaultReportMessage(details)}\n${String(details.errorInstance)}`);
    });

    it('leaves the server working: the bystander pool untouched, and a normal sign-in succeeds', async () => {
      assert.equal(await bystanderPool.state(), bystanderPool.before);
      const bob = await rig.signIn(bystanderPool.clientId, 'bob', 'Bystander-Passw0rd!');
      const me = await rig.call<{ Username: string }>('GetUser', { AccessToken: bob.AccessToken });
      assert.equal(me.Username, 'bob');
      // And on a pool made now (the seed's own settings may have been changed by valid requests).
      const fresh = await bystander(rig);
      assert.ok((await rig.signIn(fresh.clientId, 'bob', 'Bystander-Passw0rd!')).AccessToken);
    });
  });
}
