/**
 * Found by the fuzz test (issue 18, finding 11: nothing stored is lost by a refused request): in
 * production mode with no email channel, AdminResetUserPassword answered
 * InvalidEmailRoleAccessPolicyException after it had already set the user to RESET_REQUIRED, so
 * the user could no longer sign in and had no code to reset with.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FuzzRig } from '../support/fuzz/rig.ts';

describe('AdminResetUserPassword whose code cannot be delivered', () => {
  let rig: FuzzRig;
  before(async () => {
    rig = await FuzzRig.start('production');
    await rig.ensureSeed();
  });
  after(() => rig.close());

  it('is refused and leaves the user as it was, still able to sign in', async () => {
    const { poolId, clientId, username, password } = rig.seed;
    const res = await rig.send('AdminResetUserPassword', JSON.stringify({ UserPoolId: poolId, Username: username }));
    assert.equal(res.status, 400);
    assert.equal((JSON.parse(res.body) as { __type: string }).__type, 'InvalidEmailRoleAccessPolicyException');
    const user = await rig.call<{ UserStatus: string }>('AdminGetUser', { UserPoolId: poolId, Username: username });
    assert.equal(user.UserStatus, 'CONFIRMED');
    assert.ok((await rig.signIn(clientId, username, password)).AccessToken);
  });
});
