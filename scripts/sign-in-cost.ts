/**
 * What one sign-in costs: the median time of a password sign-in (USER_PASSWORD_AUTH) and of an SRP
 * sign-in (USER_SRP_AUTH + PASSWORD_VERIFIER) through the AWS SDK for JavaScript v3 against a
 * started server (a separate process, as in production), and the two pieces that set them: an
 * password hash's verification (production's parameters, which the server runs with too) and the
 * server's SRP arithmetic, timed alone in this process.
 *
 *   node scripts/sign-in-cost.ts [rounds=40]
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createVerifier, startServerChallenge, verifyClaim } from '../src/services/passwords/srp.ts';
import { SRP_SECRET_BYTES } from '../src/flows/srp-challenge.ts';
import { STRONG } from '../src/services/passwords/hash.ts';
import { createPasswordHasher } from '../src/services/passwords/hasher.ts';
import { HashLimiter } from '../src/services/passwords/limiter.ts';
import { cryptoRandom } from '../src/ground/random.ts';
import { sdkClient, startServer } from '../test/e2e/harness.ts';

const require = createRequire(import.meta.url);
const cognitoJs = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;
const { Sha256 } = require('@aws-crypto/sha256-js');

const rounds = Number(process.argv[2] ?? 40);
const PASSWORD = 'Corr3ct-horse!';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function measure(label: string, once: () => Promise<number>): Promise<number> {
  for (let i = 0; i < 3; i++) await once(); // warm up
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(await once());
  const m = median(times);
  console.log(`${label.padEnd(58)} median ${ms(m)}  (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}, n=${rounds})`);
  return m;
}

async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const server = await startServer({ args: ['--password-hashing', 'strong'] });
try {
  const cognito = sdkClient(server.url);
  const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'cost' }))).UserPool!.Id!;
  const clientId = (await cognito.send(new CreateUserPoolClientCommand({
    UserPoolId: poolId, ClientName: 'cost', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }))).UserPoolClient!.ClientId!;
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'alice', MessageAction: 'SUPPRESS' }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'alice', Password: PASSWORD, Permanent: true }));
  console.log(`Cognate at ${server.url}, Node ${process.version}, ${rounds} rounds each\n`);

  const password = await measure('password sign-in (USER_PASSWORD_AUTH, one request)', () =>
    timed(() => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD } }))),
  );

  const first = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', PASSWORD } }));
  const refresh = await measure('refresh (REFRESH_TOKEN_AUTH: no password work, for the rest)', () =>
    timed(() => cognito.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: first.AuthenticationResult!.RefreshToken! } }))),
  );

  // SRP: the two requests are timed; the client's own arithmetic (amazon-cognito-identity-js's
  // pure-JavaScript big integers, slower than the server's) is done between them, untimed.
  const poolName = poolId.split('_')[1];
  const srp = await measure('SRP sign-in (USER_SRP_AUTH + PASSWORD_VERIFIER, two requests)', async () => {
    const helper = new cognitoJs.AuthenticationHelper(poolName);
    let A = '';
    helper.getLargeAValue((_e: unknown, a: { toString(r: number): string }) => (A = a.toString(16)));
    let t = 0;
    const t0 = performance.now();
    const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'alice', SRP_A: A } }));
    t += performance.now() - t0;
    const p = started.ChallengeParameters!;
    let key: Buffer | undefined;
    helper.getPasswordAuthenticationKey(p.USER_ID_FOR_SRP, PASSWORD, new BigInteger(p.SRP_B, 16), new BigInteger(p.SALT, 16), (_e: unknown, k: Buffer) => (key = k));
    const timestamp = new cognitoJs.DateHelper().getNowString();
    const mac = new Sha256(key);
    mac.update(Buffer.concat([Buffer.from(poolName), Buffer.from(p.USER_ID_FOR_SRP), Buffer.from(p.SECRET_BLOCK, 'base64'), Buffer.from(timestamp)]));
    const t1 = performance.now();
    await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: { USERNAME: p.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: Buffer.from(mac.digestSync()).toString('base64') },
    }));
    return t + (performance.now() - t1);
  });

  // What an application sees: amazon-cognito-identity-js's authenticateUser, its own arithmetic included.
  const userPool = new cognitoJs.CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: server.url });
  await measure('SRP sign-in with amazon-cognito-identity-js (client math incl.)', () =>
    timed(() => new Promise((resolve, reject) => {
      new cognitoJs.CognitoUser({ Username: 'alice', Pool: userPool }).authenticateUser(
        new cognitoJs.AuthenticationDetails({ Username: 'alice', Password: PASSWORD }),
        { onSuccess: resolve, onFailure: reject },
      );
    })),
  );

  // What sets them, alone.
  console.log('');
  const hasher = createPasswordHasher({ parameters: STRONG, random: cryptoRandom, limiter: new HashLimiter(1, 0) });
  const stored = await hasher.hash(PASSWORD);
  const hashing = await measure('  argon2id verification (m=19456 KiB, t=2, p=1)', () => timed(() => hasher.verify(PASSWORD, stored)));
  const v = createVerifier('us-east-1_Cost00000', 'alice', PASSWORD);
  const helper = new cognitoJs.AuthenticationHelper('Cost00000');
  let A = '';
  helper.getLargeAValue((_e: unknown, a: { toString(r: number): string }) => (A = a.toString(16)));
  const arithmetic = (bytes: number) => () =>
    timed(() => {
      const ch = startServerChallenge(v.verifier, (n) => cryptoRandom.bytes(Math.min(n, bytes)));
      // A wrong signature still runs the whole computation (the comparison comes last).
      verifyClaim({ poolId: 'us-east-1_Cost00000', userIdForSrp: 'alice', salt: v.salt, verifier: v.verifier, b: ch.b, B: ch.B, A, secretBlock: 'AAAA', timestamp: new cognitoJs.DateHelper().getNowString(), signature: Buffer.alloc(32).toString('base64'), now: new Date() });
    });
  const srpMath = await measure(`  server SRP arithmetic, ${SRP_SECRET_BYTES}-byte b (as served)`, arithmetic(SRP_SECRET_BYTES));
  await measure('  server SRP arithmetic, 256-byte b (for comparison)', arithmetic(256));
  console.log(`\npassword sign-in ${ms(password)}: argon2id ${ms(hashing)}; a request that signs tokens without password work (refresh) takes ${ms(refresh)}`);
  console.log(`SRP sign-in ${ms(srp)}: SRP arithmetic ${ms(srpMath)}; the rest is two requests (lookups, the challenge state, token signing)`);
} finally {
  await server.stop();
}
