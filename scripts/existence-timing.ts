/**
 * Whether the time of an answer tells a user from a name no user holds, for an app client with
 * PreventUserExistenceErrors: ENABLED. For each operation, the median time of a known user's
 * answer and of an unknown name's, through the AWS SDK for JavaScript v3 against a started server
 * (a separate process, as in production), the two asked in turn so that drift affects both alike.
 * Each round has a known user of its own, so that none reaches the lockout or the hourly code
 * limit; each unknown name is fresh.
 *
 *   node scripts/existence-timing.ts [rounds=40] [smtp-delay-ms]
 *
 * With a delay, the server sends its mail to an SMTP peer (test/support/smtp-peer.ts) that takes
 * that long over each message, as a real relay's round trip does; without one, messages stay in
 * the development inbox (the capture channel, which sends nothing).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient, startServer } from '../test/e2e/harness.ts';
import { startSmtpPeer } from '../test/support/smtp-peer.ts';

const require = createRequire(import.meta.url);
const cognitoJs = require('amazon-cognito-identity-js');

const rounds = Number(process.argv[2] ?? 40);
const smtpDelayMs = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const PASSWORD = 'Corr3ct-horse!';
/** A known user per round (and per warm-up round). */
const USERS = rounds + 3;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn().catch(() => {});
  return performance.now() - t0;
}

/** Medians of `known(i)` and `unknown(i)`, asked in turn. */
async function compare(label: string, known: (i: number) => Promise<unknown>, unknown: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await known(rounds + i).catch(() => {});
    await unknown(rounds + i).catch(() => {});
  }
  const k: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < rounds; i++) {
    k.push(await timed(() => known(i)));
    u.push(await timed(() => unknown(i)));
  }
  const [mk, mu] = [median(k), median(u)];
  console.log(`${label.padEnd(44)} known ${mk.toFixed(1).padStart(6)} ms   unknown ${mu.toFixed(1).padStart(6)} ms   difference ${(mu - mk).toFixed(1).padStart(6)} ms`);
}

const smtp = smtpDelayMs === undefined ? undefined : await startSmtpPeer({ onMailFrom: (_address, _session, done) => void setTimeout(() => done(), smtpDelayMs) });
const dir = mkdtempSync(join(tmpdir(), 'cognate-timing-'));
writeFileSync(join(dir, 'cognate.json'), JSON.stringify(smtp ? {
  delivery: { mode: 'route', channels: { mail: { type: 'smtp', url: `smtp://127.0.0.1:${smtp.port}` } }, defaultEmail: { channel: 'mail' } },
} : {}));
const server = await startServer({ args: ['--config', join(dir, 'cognate.json')] });
try {
  const cognito = sdkClient(server.url);
  const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'existence', AutoVerifiedAttributes: ['email'] }))).UserPool!.Id!;
  const clientId = (await cognito.send(new CreateUserPoolClientCommand({
    UserPoolId: poolId, ClientName: 'hiding', PreventUserExistenceErrors: 'ENABLED',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }))).UserPoolClient!.ClientId!;
  for (let i = 0; i < USERS; i++) {
    const Username = `user${i}`;
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }, { Name: 'email_verified', Value: 'true' }] }));
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username, Password: PASSWORD, Permanent: true }));
  }
  for (let i = 0; i < USERS; i++) {
    await cognito.send(new SignUpCommand({ ClientId: clientId, Username: `pending${i}`, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `pending${i}@example.com` }] }));
  }
  const user = (i: number) => `user${i}`;
  const pending = (i: number) => `pending${i}`;
  const ghost = (i: number) => `ghost-${i}-${randomBytes(4).toString('hex')}`;
  console.log(`PreventUserExistenceErrors: ENABLED; ${rounds} rounds each; ${USERS} known users; ${smtp ? `mail through SMTP taking ${smtpDelayMs} ms a message` : 'mail captured'}`);

  const wrongPassword = (USERNAME: string) => cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME, PASSWORD: 'Wrong-pass1' } }));
  await compare('USER_PASSWORD_AUTH, wrong password', (i) => wrongPassword(user(i)), (i) => wrongPassword(ghost(i)));

  const srpA = () => {
    let A = '';
    new cognitoJs.AuthenticationHelper(poolId.split('_')[1]).getLargeAValue((_e: unknown, a: { toString(radix: number): string }) => (A = a.toString(16)));
    return A;
  };
  const A = srpA();
  const srpStart = (USERNAME: string) => cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME, SRP_A: A } }));
  await compare('USER_SRP_AUTH (InitiateAuth)', (i) => srpStart(user(i)), (i) => srpStart(ghost(i)));
  // Challenges asked for first, so that only the proof is timed.
  const challenges = async (name: (i: number) => string) => Promise.all(Array.from({ length: rounds + 3 }, async (_, i) => (await srpStart(name(i))).ChallengeParameters!));
  const [forKnown, forUnknown] = [await challenges(user), await challenges(ghost)];
  const wrongProof = (p: Record<string, string>) => cognito.send(new RespondToAuthChallengeCommand({
    ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: {
      USERNAME: p.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP: new cognitoJs.DateHelper().getNowString(),
      PASSWORD_CLAIM_SIGNATURE: randomBytes(32).toString('base64'),
    },
  }));
  await compare('PASSWORD_VERIFIER, wrong proof', (i) => wrongProof(forKnown[i]), (i) => wrongProof(forUnknown[i]));

  await compare('ForgotPassword', (i) => cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: user(i) })), (i) => cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: ghost(i) })));
  const confirmReset = (Username: string) => cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username, ConfirmationCode: '000000', Password: 'Fresh-passw0rd!' }));
  await compare('ConfirmForgotPassword, wrong code', (i) => confirmReset(user(i)), (i) => confirmReset(ghost(i)));
  await compare('ResendConfirmationCode', (i) => cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: pending(i) })), (i) => cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: ghost(i) })));
  const confirmSignUp = (Username: string) => cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username, ConfirmationCode: '000000' }));
  await compare('ConfirmSignUp, wrong code', (i) => confirmSignUp(pending(i)), (i) => confirmSignUp(ghost(i)));
} finally {
  await server.stop();
  await smtp?.close();
  rmSync(dir, { recursive: true, force: true });
}
