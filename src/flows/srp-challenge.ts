/**
 * USER_SRP_AUTH → PASSWORD_VERIFIER: the password never travels. InitiateAuth answers the
 * server's SRP values; the SECRET_BLOCK is an opaque random token that names the server's state
 * (kept hashed, single use, expiring), and the secret exponent b inside that state is sealed under
 * a key derived from the SECRET_BLOCK itself, so the store alone cannot recover it.
 */
import { createHash, createHmac } from 'node:crypto';
import type { UserRecord } from '../domain/user.ts';
import { passwordResetRequired } from '../errors/index.ts';
import { findUser } from '../services/directory/users.ts';
import { passwordToCheck } from '../services/passwords/sealed.ts';
import { sealState, startServerChallenge } from '../services/passwords/srp.ts';
import type { ChallengeResult } from '../services/triggers/index.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { checkLockout } from './lockout.ts';
import { putSession } from './session.ts';
import { unknownUser } from './sign-in.ts';
import { preAuthentication } from './triggers.ts';

/**
 * Bytes of the server's secret exponent b. 40 bytes (320 bits) is within RFC 3526's recommended
 * exponent size for the 3072-bit group (260–400 bits for its ~130-bit strength) and costs about a
 * sixth of a full-size (256-byte) exponent.
 */
export const SRP_SECRET_BYTES = 40;

export interface SrpState {
  A: string;
  B: string;
  /** b, sealed under a key derived from the SECRET_BLOCK. */
  sealedB: string;
  userIdForSrp: string;
  /** An unknown user or one without a password: the exchange is played out, then refused. */
  fake?: boolean;
  /** Within CUSTOM_AUTH (SRP_A first): the challenge history so far. */
  custom?: ChallengeResult[];
}

export const sealKey = (secretBlock: string) => createHash('sha256').update('cognate/srp-b\0').update(Buffer.from(secretBlock, 'base64')).digest();

const DECOY_PURPOSE = 'srp-decoy';

/**
 * A stable salt (and, where users are stored under their sub, a stable USER_ID_FOR_SRP) for a name
 * no user holds, so that asking twice does not tell a decoy from a real user. Derived under a
 * server secret kept in the store (made on first use), so every instance answers alike.
 */
async function decoyIdentity(fc: FlowContext, userName: string): Promise<{ salt: string; userIdForSrp: string }> {
  const { secrets } = fc.deps.store;
  let keys = await secrets.list(DECOY_PURPOSE);
  if (keys.length === 0) {
    await secrets.addIfAbsent(DECOY_PURPOSE, { id: 'generated-1', secret: fc.deps.random.bytes(32), createdAt: fc.deps.clock.now() });
    keys = await secrets.list(DECOY_PURPOSE);
  }
  const derive = (what: string) => createHmac('sha256', keys[keys.length - 1].secret).update(`${what}\0${fc.pool.id}\0${userName}`).digest();
  const salt = derive('salt').subarray(0, 16).toString('hex');
  if (!(fc.pool.config.UsernameAttributes ?? []).length) return { salt, userIdForSrp: userName };
  const h = derive('sub').subarray(0, 16);
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex');
  return { salt, userIdForSrp: `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}` };
}

/** The PASSWORD_VERIFIER challenge for `user` (undefined: a decoy, for an unknown user). */
export async function srpChallenge(fc: FlowContext, user: UserRecord | undefined, userName: string, srpA: string, custom?: ChallengeResult[]): Promise<AuthAnswer> {
  const { random } = fc.deps;
  const password = user ? passwordToCheck(fc.deps.sealer, fc.ctx.log, user) : null;
  // Unknown users and users without a password get a decoy: the answer looks the same (B is
  // random either way), and the exchange is refused at the next step.
  const decoy = password ? undefined : await decoyIdentity(fc, userName);
  const verifier = password?.srpVerifier ?? random.bytes(384).toString('hex');
  const salt = password?.srpSalt ?? decoy!.salt;
  const { b, B } = startServerChallenge(verifier, (n) => random.bytes(Math.min(n, SRP_SECRET_BYTES)));
  const secretBlock = random.bytes(96).toString('base64');
  const userIdForSrp = user?.username ?? decoy!.userIdForSrp;
  const state: SrpState = { A: srpA, B, sealedB: sealState(sealKey(secretBlock), { b }, (n) => random.bytes(n)), userIdForSrp };
  if (!password) state.fake = true;
  if (custom) state.custom = custom;
  await putSession(fc, secretBlock, { sub: user?.sub ?? '', challenge: 'PASSWORD_VERIFIER', state: state as unknown as Record<string, unknown> });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: { SALT: salt, SECRET_BLOCK: secretBlock, SRP_B: B, USERNAME: userIdForSrp, USER_ID_FOR_SRP: userIdForSrp },
  };
}

/** InitiateAuth USER_SRP_AUTH. */
export async function srpStart(fc: FlowContext, userName: string, srpA: string): Promise<AuthAnswer> {
  const user = await findUser(fc.deps.store, fc.pool, userName);
  if (!user) {
    if (fc.client.config.PreventUserExistenceErrors !== 'ENABLED') throw unknownUser(fc);
    await preAuthentication(fc, undefined, userName, fc.clientMetadata);
    return srpChallenge(fc, undefined, userName, srpA);
  }
  await preAuthentication(fc, user, userName, fc.clientMetadata);
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
  checkLockout(user, fc.deps.clock.now());
  return srpChallenge(fc, user, userName, srpA);
}
