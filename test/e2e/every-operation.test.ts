/**
 * Every operation of the Cognito API model answers with real behaviour: for each of them, inputs a
 * well-behaved client could send (built from the model's shapes, naming the seed's real pool,
 * client, user and tokens where the model has a member for them) are sent until one passes the
 * model's constraints, and its answer is not UnsupportedOperationException, the answer of an
 * operation Cognate does not implement. The two conditional refusals AWS also answers with that
 * type (a client with token revocation off, a native user's password sign-in in
 * AdminDisableProviderForUser) are told apart by their messages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { operations } from '../../src/model/cognito-idp.generated.ts';
import { validateInput } from '../../src/model/validate.ts';
import { registry } from '../../src/operations/registry.ts';
import { cleanInputFor, materialize } from '../support/fuzz/inputs.ts';
import { FuzzRig } from '../support/fuzz/rig.ts';

const CONDITIONAL = [/Token revocation is not enabled for this client/, /through AdminDisableProviderForUser is not supported/];

describe('every operation of the API model', () => {
  let rig: FuzzRig;
  before(async () => {
    rig = await FuzzRig.start('production');
  });
  after(() => rig.close());

  it('is implemented: the registry holds each of them', () => {
    const missing = Object.keys(operations).filter((name) => !registry.has(name));
    assert.deepEqual(missing, [], `${Object.keys(operations).length - missing.length} of ${Object.keys(operations).length} implemented`);
  });

  it('answers a valid input with something other than UnsupportedOperationException', async () => {
    const unsupported: string[] = [];
    for (const name of Object.keys(operations).sort()) {
      await rig.ensureSeed();
      // Some shapes are narrow (a six-digit code: the pattern and the length must both hold): more samples then.
      let body: string | undefined;
      for (let round = 0; body === undefined && round < 10; round++) {
        const samples = fc.sample(cleanInputFor(name), { numRuns: 500, seed: 21 + round });
        body = samples.map((input) => materialize(input, rig.seed)).find((text) => text !== undefined && validateInput(name, JSON.parse(text)) === null);
      }
      assert.ok(body, `no valid input generated for ${name}`);
      const answer = await rig.send(name, body);
      const parsed = answer.status === 200 ? {} : (JSON.parse(answer.body) as { __type?: string; message?: string });
      if (parsed.__type === 'UnsupportedOperationException' && !CONDITIONAL.some((m) => m.test(parsed.message ?? ''))) unsupported.push(`${name}: ${parsed.message}`);
    }
    assert.deepEqual(unsupported, []);
  });
});
