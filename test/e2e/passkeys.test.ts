/**
 * Issue 20, passkeys: StartWebAuthnRegistration, CompleteWebAuthnRegistration,
 * ListWebAuthnCredentials and DeleteWebAuthnCredential through the AWS SDK, with a software
 * authenticator (test/support/soft-authenticator.ts), and the WEB_AUTHN sign-in challenge answered
 * through RespondToAuthChallenge. Operations and errors as the API reference lists them:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CompleteWebAuthnRegistrationCommand, DeleteWebAuthnCredentialCommand, GetUserAuthFactorsCommand, InitiateAuthCommand, ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand, SetUserPoolMfaConfigCommand, StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import type { UserRecord } from '../../src/domain/user.ts';
import type { FlowContext } from '../../src/flows/context.ts';
import { canSignInWithPasskey } from '../../src/flows/webauthn-challenge.ts';
import { assert as signAssertion, register, type SoftCredential } from '../support/soft-authenticator.ts';
import { ALL_FLOWS, claimsOf, createClient, createPool, createTestUser, rejectsWith, startTestbed, type Testbed } from '../support/testbed.ts';

const PASSWORD = 'Corr3ct-horse!';

describe('passkeys', () => {
  let tb: Testbed;
  let pool: PoolRecord;
  let client: ClientRecord;

  const signIn = async (c: ClientRecord, username: string) =>
    (await tb.cognito.send(new InitiateAuthCommand({ ClientId: c.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }))).AuthenticationResult!.AccessToken!;
  const start = async (token: string) => (await tb.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: token }))).CredentialCreationOptions as any;
  const complete = (token: string, credential: unknown) => tb.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: credential as any }));
  const list = (token: string, input: { MaxResults?: number; NextToken?: string } = {}) => tb.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: token, ...input }));
  let n = 0;
  const newUser = async () => {
    const user = await createTestUser(tb, pool, { username: `user${++n}`, password: PASSWORD, attributes: { email: `user${n}@example.com`, email_verified: 'true' } });
    return { user, token: await signIn(client, user.username) };
  };
  const registered = async (token: string): Promise<SoftCredential> => {
    const { response, credential } = register(await start(token));
    await complete(token, response);
    return credential;
  };
  const flowContext = (): FlowContext => ({ deps: tb.app.deps, ctx: { log: tb.app.server.log, userAgent: '', sourceIp: '127.0.0.1' }, pool, client, admin: false });
  /** The WEB_AUTHN challenge as an app asks for it: USER_AUTH with WEB_AUTHN as the preferred challenge. */
  const challenge = async (user: UserRecord, c = client) =>
    tb.cognito.send(new InitiateAuthCommand({ ClientId: c.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: user.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }));
  const answer = (user: UserRecord, session: string, credential: unknown) =>
    tb.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: client.clientId, ChallengeName: 'WEB_AUTHN', Session: session,
      ChallengeResponses: { USERNAME: user.username, CREDENTIAL: JSON.stringify(credential) },
    }));

  before(async () => {
    tb = await startTestbed();
    pool = await createPool(tb, { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } });
    client = await createClient(tb, pool, { ExplicitAuthFlows: [...ALL_FLOWS, 'ALLOW_USER_AUTH'] });
  });
  after(() => tb?.close());

  it('registers a passkey: creation options as a JSON document, the passkey listed as AWS describes it', async () => {
    const { user, token } = await newUser();
    const options = await start(token);
    // Cognate listens on 127.0.0.1 and no RelyingPartyId is set: the relying party is localhost.
    assert.deepEqual(options.rp, { id: 'localhost', name: 'auth' });
    assert.deepEqual(options.user, { id: Buffer.from(user.sub).toString('base64url'), name: user.attributes.email, displayName: user.attributes.email });
    assert.match(options.challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(options.pubKeyCredParams.map((p: any) => p.alg), [-7, -257, -8]);
    assert.deepEqual(options.authenticatorSelection, { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' });
    assert.deepEqual(options.excludeCredentials, []);
    const { response, credential } = register(options);
    assert.deepEqual(await complete(token, response).then((o) => ({ ...o, $metadata: undefined })), { $metadata: undefined });
    const listed = await list(token);
    assert.equal(listed.NextToken, undefined);
    assert.equal(listed.Credentials!.length, 1);
    const [c] = listed.Credentials!;
    assert.equal(c.CredentialId, credential.id);
    assert.equal(c.FriendlyCredentialName, 'Passkey');
    assert.equal(c.RelyingPartyId, 'localhost');
    assert.equal(c.AuthenticatorAttachment, 'platform');
    assert.deepEqual(c.AuthenticatorTransports, ['internal', 'hybrid']);
    assert.ok(Math.abs(c.CreatedAt!.getTime() - Date.now()) < 60_000);
    // The next registration excludes it, so the authenticator does not make a second one.
    assert.deepEqual((await start(token)).excludeCredentials, [{ type: 'public-key', id: credential.id, transports: ['internal', 'hybrid'] }]);
  });

  it('refuses what does not answer the challenge it was given, as AWS names each case', async () => {
    const { token } = await newUser();
    const options = await start(token);
    await rejectsWith(complete(token, register(options, { origin: 'https://evil.example' }).response), 'WebAuthnOriginNotAllowedException');
    // Each challenge is answered once, right or wrong.
    await rejectsWith(complete(token, register(options).response), 'WebAuthnChallengeNotFoundException');
    await rejectsWith(complete(token, register({ ...options, challenge: 'bm90LWdpdmVu' }).response), 'WebAuthnChallengeNotFoundException');
    await rejectsWith(complete(token, register(await start(token), { rpId: 'example.com' }).response), 'WebAuthnRelyingPartyMismatchException');
    await rejectsWith(complete(token, register(await start(token), { origin: 'http://example.com' }).response), 'WebAuthnOriginNotAllowedException');
    // Another app client's access token for the same user.
    const other = await createClient(tb, pool, { ClientName: 'other' });
    const fromOther = register(await start(token)).response;
    const { user: same } = { user: (await tb.app.store.users.get(pool.id, claimsOf(token).sub as string))! };
    await rejectsWith(complete(await signIn(other, same.username), fromOther), 'WebAuthnClientMismatchException');
    // Another user's challenge is not found for this one.
    const { token: someoneElse } = await newUser();
    await rejectsWith(complete(someoneElse, register(await start(token)).response), 'WebAuthnChallengeNotFoundException');
    // Expired: the challenge lives as long as the ceremony's timeout (3 minutes).
    const late = register(await start(token)).response;
    tb.clock.offset += 181_000;
    try {
      await rejectsWith(complete(await signIn(client, same.username), late), 'WebAuthnChallengeNotFoundException');
    } finally {
      tb.clock.offset -= 181_000;
    }
    await rejectsWith(complete(token, { id: 'x' }), 'InvalidParameterException', /^Invalid passkey credential: /);
    await rejectsWith(complete(token, 'a string'), 'InvalidParameterException');
    const tampered = register(await start(token)).response;
    tampered.response.attestationObject = tampered.response.attestationObject.slice(0, 40);
    await rejectsWith(complete(token, tampered), 'InvalidParameterException');
    assert.deepEqual((await list(token)).Credentials, []);
  });

  it('answers WebAuthnNotEnabledException in a pool without WEB_AUTHN, and requires user verification when the pool does', async () => {
    const plain = await createPool(tb, { PoolName: 'plain' });
    const plainClient = await createClient(tb, plain);
    await createTestUser(tb, plain, { username: 'carol', password: PASSWORD });
    await rejectsWith(start(await signIn(plainClient, 'carol')), 'WebAuthnNotEnabledException');

    // The relying party and user verification, as SetUserPoolMfaConfig's WebAuthnConfiguration sets them.
    const strict = await createPool(tb, { PoolName: 'strict', Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } });
    await tb.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: strict.id, WebAuthnConfiguration: { RelyingPartyId: 'auth.example.com', UserVerification: 'required' } }));
    const strictClient = await createClient(tb, strict);
    await createTestUser(tb, strict, { username: 'dave', password: PASSWORD });
    const token = await signIn(strictClient, 'dave');
    const options = await start(token);
    assert.equal(options.rp.id, 'auth.example.com');
    assert.equal(options.authenticatorSelection.userVerification, 'required');
    await rejectsWith(complete(token, register(options, { origin: 'https://auth.example.com', uv: false }).response), 'WebAuthnCredentialNotSupportedException');
    await complete(token, register(await start(token), { origin: 'https://login.auth.example.com' }).response);
    assert.equal((await list(token)).Credentials![0].RelyingPartyId, 'auth.example.com');
  });

  it('lists in pages, deletes a user\'s own passkeys only, and holds at most 20', async () => {
    const { token } = await newUser();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await registered(token)).id);
    await rejectsWith(start(token), 'LimitExceededException');
    const first = await list(token, { MaxResults: 15 });
    assert.equal(first.Credentials!.length, 15);
    const second = await list(token, { MaxResults: 15, NextToken: first.NextToken });
    assert.deepEqual([...first.Credentials!, ...second.Credentials!].map((c) => c.CredentialId), ids);
    assert.equal(second.NextToken, undefined);
    await rejectsWith(list(token, { NextToken: 'bm9wZQ' }), 'InvalidParameterException', 'Invalid pagination token.');
    await rejectsWith(list(token, { MaxResults: 21 }), 'InvalidParameterException');

    const { token: other } = await newUser();
    await rejectsWith(tb.cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: other, CredentialId: ids[0] })), 'ResourceNotFoundException');
    await rejectsWith(tb.cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: 'unknown' })), 'ResourceNotFoundException');
    await tb.cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: token, CredentialId: ids[0] }));
    assert.equal((await list(token)).Credentials!.length, 19);
    await registered(token);
  });

  it('signs in with WEB_AUTHN: the request options, the assertion checked, a replayed one refused', async () => {
    const { user, token } = await newUser();
    assert.equal(await canSignInWithPasskey(flowContext(), user), false, 'no passkey yet');
    const credential = await registered(token);
    assert.equal(await canSignInWithPasskey(flowContext(), user), true);
    const asked = await challenge(user);
    assert.equal(asked.ChallengeName, 'WEB_AUTHN');
    const options = JSON.parse(asked.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS);
    assert.deepEqual({ ...options, challenge: undefined }, {
      challenge: undefined, timeout: 180000, rpId: 'localhost', userVerification: 'preferred',
      allowCredentials: [{ type: 'public-key', id: credential.id, transports: ['internal', 'hybrid'] }],
    });
    const assertion = signAssertion(credential, options);
    const out = await answer(user, asked.Session!, assertion);
    assert.equal(claimsOf(out.AuthenticationResult!.AccessToken!).sub, user.sub);
    assert.ok(out.AuthenticationResult!.RefreshToken);
    // The same Session twice, then the same assertion for a new challenge: neither signs in.
    await rejectsWith(answer(user, asked.Session!, assertion), 'NotAuthorizedException');
    const again = await challenge(user);
    await rejectsWith(answer(user, again.Session!, assertion), 'NotAuthorizedException', 'Passkey authentication failed.');
    // A counter that does not move forward is a cloned authenticator's.
    const cloned = await challenge(user);
    await rejectsWith(answer(user, cloned.Session!, signAssertion(credential, JSON.parse(cloned.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS), { counter: 1 })), 'NotAuthorizedException');
    // From another origin, or another user's passkey.
    const evil = await challenge(user);
    await rejectsWith(answer(user, evil.Session!, signAssertion(credential, JSON.parse(evil.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS), { origin: 'https://evil.example' })), 'NotAuthorizedException');
    const { user: other, token: otherToken } = await newUser();
    const theirs = await registered(otherToken);
    const swapped = await challenge(user);
    await rejectsWith(answer(user, swapped.Session!, signAssertion(theirs, JSON.parse(swapped.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS))), 'NotAuthorizedException');
    await rejectsWith(answer(other, (await challenge(user)).Session!, signAssertion(theirs, options)), 'NotAuthorizedException', 'Incorrect username or password.');
    const fresh = await challenge(user);
    await rejectsWith(tb.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: client.clientId, ChallengeName: 'WEB_AUTHN', Session: fresh.Session!, ChallengeResponses: { USERNAME: user.username, CREDENTIAL: '{not json' },
    })), 'InvalidParameterException');
    // The right passkey still signs in.
    const last = await challenge(user);
    const ok = await answer(user, last.Session!, signAssertion(credential, JSON.parse(last.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS)));
    assert.ok(ok.AuthenticationResult!.IdToken);
  });

  it('offers WEB_AUTHN in USER_AUTH only to a user with a passkey, and names it among the user\'s factors', async () => {
    const { user, token } = await newUser();
    const choice = async () => (await tb.cognito.send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: user.username } })));
    assert.deepEqual((await choice()).AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP']);
    // Preferred but not usable yet: the choice instead, as for any factor the user cannot use.
    assert.equal((await challenge(user)).ChallengeName, 'SELECT_CHALLENGE');
    const credential = await registered(token);
    const offered = await choice();
    assert.deepEqual(offered.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN']);
    const factors = await tb.cognito.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
    assert.deepEqual(factors.ConfiguredUserAuthFactors, ['PASSWORD', 'WEB_AUTHN']);
    // Chosen from SELECT_CHALLENGE, then answered with the passkey.
    const asked = await tb.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: client.clientId, ChallengeName: 'SELECT_CHALLENGE', Session: offered.Session!, ChallengeResponses: { USERNAME: user.username, ANSWER: 'WEB_AUTHN' },
    }));
    assert.equal(asked.ChallengeName, 'WEB_AUTHN');
    const out = await answer(user, asked.Session!, signAssertion(credential, JSON.parse(asked.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS)));
    assert.equal(claimsOf(out.AuthenticationResult!.AccessToken!).sub, user.sub);
  });

  it('shows a name no user holds a passkey challenge like a user\'s, where the client hides who exists, and refuses its answer', async () => {
    const hiding = await createClient(tb, pool, { ExplicitAuthFlows: ['ALLOW_USER_AUTH'], PreventUserExistenceErrors: 'ENABLED' });
    const { user, token } = await newUser();
    const credential = await registered(token);
    // A name no user holds is offered a stable random share of the pool's factors (first-factors.ts):
    // the first of a few names that draws WEB_AUTHN.
    let nobody = user;
    let fake;
    for (let i = 0; i < 40 && fake?.ChallengeName !== 'WEB_AUTHN'; i++) {
      nobody = { ...user, username: `nobody-${i}` };
      fake = await challenge(nobody, hiding);
    }
    const [real, fakeAgain] = [await challenge(user, hiding), await challenge(nobody, hiding)];
    assert.deepEqual([real.ChallengeName, fake!.ChallengeName], ['WEB_AUTHN', 'WEB_AUTHN']);
    const [realOptions, fakeOptions] = [real, fake!].map((a) => JSON.parse(a.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS));
    assert.deepEqual(Object.keys(fakeOptions), Object.keys(realOptions));
    // A made-up passkey id of a length authenticators make (16, 20 or 32 bytes), with their transports.
    assert.ok([16, 20, 32].includes(Buffer.from(fakeOptions.allowCredentials[0].id, 'base64url').length));
    assert.deepEqual(Object.keys(fakeOptions.allowCredentials[0]), Object.keys(realOptions.allowCredentials[0]));
    assert.equal(JSON.parse(fakeAgain.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS).allowCredentials[0].id, fakeOptions.allowCredentials[0].id, 'the same made-up passkey every time');
    await rejectsWith(tb.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: hiding.clientId, ChallengeName: 'WEB_AUTHN', Session: fake!.Session!,
      ChallengeResponses: { USERNAME: nobody.username, CREDENTIAL: JSON.stringify(signAssertion(credential, fakeOptions)) },
    })), 'NotAuthorizedException', 'Passkey authentication failed.');
    // Answered in the order a user's answer is checked: the name first, then the credential's shape.
    const again = await challenge(nobody, hiding);
    await rejectsWith(tb.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: hiding.clientId, ChallengeName: 'WEB_AUTHN', Session: again.Session!, ChallengeResponses: { USERNAME: 'someone-else', CREDENTIAL: '{}' },
    })), 'NotAuthorizedException', 'Incorrect username or password.');
    for (const who of [nobody, user]) {
      const asked = await challenge(who, hiding);
      await rejectsWith(tb.cognito.send(new RespondToAuthChallengeCommand({
        ClientId: hiding.clientId, ChallengeName: 'WEB_AUTHN', Session: asked.Session!, ChallengeResponses: { USERNAME: who.username, CREDENTIAL: 'x' },
      })), 'InvalidParameterException', 'Invalid passkey credential: CREDENTIAL is not JSON');
    }
  });

  it('forgets a user\'s passkeys with the user', async () => {
    const { user, token } = await newUser();
    const credential = await registered(token);
    await tb.app.store.users.delete(pool.id, user.sub);
    assert.equal(await tb.app.store.passkeys.get(pool.id, user.sub, credential.id), undefined);
  });
});
