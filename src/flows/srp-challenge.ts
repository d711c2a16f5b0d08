/**
 * USER_SRP_AUTH → PASSWORD_VERIFIER: the password never travels. InitiateAuth answers the
 * server's SRP values; the SECRET_BLOCK is an opaque random token that names the server's state
 * (kept hashed, single use, expiring), and the secret exponent b inside that state is sealed under
 * a key derived from the SECRET_BLOCK itself, so the store alone cannot recover it.
 */
import { createHash } from 'node:crypto';
import type { UserRecord } from '../domain/user.ts';
import { invalidSrpA, passwordResetRequired, userNotFound } from '../errors/index.ts';
import { decoyBytes, hidesUsers } from '../services/directory/decoys.ts';
import { findUser } from '../services/directory/users.ts';
import { passwordToCheck } from '../services/passwords/sealed.ts';
import { isValidClientA, sealState, startServerChallenge } from '../services/passwords/srp.ts';
import type { ChallengeResult } from '../services/triggers/index.ts';
import type { AuthAnswer, FlowContext } from './context.ts';
import { checkLockout } from './lockout.ts';
import { required } from './parameters.ts';
import { putSession } from './session.ts';
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
  /**
   * A decoy, for an unknown user or one without a password: the exchange is played out against
   * this made-up verifier, then refused as a wrong proof is.
   */
  fake?: { verifier: string; /** The name asked for, when no user holds it (its lockout's key). */ unknownName?: string };
  /** Within CUSTOM_AUTH (SRP_A first): the challenge history so far. */
  custom?: ChallengeResult[];
}

export const sealKey = (secretBlock: string) => createHash('sha256').update('cognate/srp-b\0').update(Buffer.from(secretBlock, 'base64')).digest();

/**
 * The server's half of an exchange against `verifier` (a password's or a remembered device's): B
 * for the client, a fresh SECRET_BLOCK, and b sealed under a key only that SECRET_BLOCK gives.
 */
export function serverExchange(fc: Pick<FlowContext, 'deps'>, verifier: string): { B: string; secretBlock: string; sealedB: string } {
  const { random } = fc.deps;
  const { b, B } = startServerChallenge(verifier, (n) => random.bytes(Math.min(n, SRP_SECRET_BYTES)));
  const secretBlock = random.bytes(96).toString('base64');
  return { B, secretBlock, sealedB: sealState(sealKey(secretBlock), { b }, (n) => random.bytes(n)) };
}

/** The proof's members of a PASSWORD_VERIFIER or DEVICE_PASSWORD_VERIFIER answer. */
export function claimResponses(responses: Record<string, string> | undefined) {
  return {
    username: required(responses, 'USERNAME'),
    secretBlock: required(responses, 'PASSWORD_CLAIM_SECRET_BLOCK'),
    signature: required(responses, 'PASSWORD_CLAIM_SIGNATURE'),
    timestamp: required(responses, 'TIMESTAMP'),
  };
}

/**
 * A stable salt (and, where users are stored under their sub, a stable USER_ID_FOR_SRP: AWS
 * answers "the same salt and an internal user ID in UUID format for the same username and user
 * pool combination") for a name no user holds.
 */
export async function decoyIdentity(fc: FlowContext, userName: string): Promise<{ salt: string; userIdForSrp: string }> {
  const salt = (await decoyBytes(fc.deps, fc.pool, userName, 'salt')).subarray(0, 16).toString('hex');
  if (!(fc.pool.config.UsernameAttributes ?? []).length) return { salt, userIdForSrp: userName };
  const h = (await decoyBytes(fc.deps, fc.pool, userName, 'sub')).subarray(0, 16);
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.toString('hex');
  return { salt, userIdForSrp: `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}` };
}

/** The PASSWORD_VERIFIER challenge for `user` (undefined: a decoy, for an unknown user). */
export async function srpChallenge(fc: FlowContext, user: UserRecord | undefined, userName: string, srpA: string, custom?: ChallengeResult[]): Promise<AuthAnswer> {
  // Kept in the Session until the proof: checked now, so no caller can make the store keep a large A.
  if (!isValidClientA(srpA)) throw invalidSrpA();
  const { random } = fc.deps;
  const password = user ? passwordToCheck(fc.deps.sealer, fc.ctx.log, user) : null;
  // Unknown users and users without a password get a decoy: the answer looks the same (B is
  // random either way), and the exchange is refused at the next step.
  const decoy = password ? undefined : await decoyIdentity(fc, userName);
  const verifier = password?.srpVerifier ?? random.bytes(384).toString('hex');
  const salt = password?.srpSalt ?? decoy!.salt;
  const { B, secretBlock, sealedB } = serverExchange(fc, verifier);
  const userIdForSrp = user?.username ?? decoy!.userIdForSrp;
  const state: SrpState = { A: srpA, B, sealedB, userIdForSrp };
  if (!password) state.fake = user ? { verifier } : { verifier, unknownName: userName };
  if (custom) state.custom = custom;
  await putSession(fc, secretBlock, { sub: user?.sub ?? '', challenge: 'PASSWORD_VERIFIER', state: state as unknown as Record<string, unknown> });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: { SALT: salt, SECRET_BLOCK: secretBlock, SRP_B: B, USERNAME: userIdForSrp, USER_ID_FOR_SRP: userIdForSrp },
  };
}

/** InitiateAuth USER_SRP_AUTH. */
export async function srpStart(fc: FlowContext, userName: string, srpA: string): Promise<AuthAnswer> {
  const { store, clock } = fc.deps;
  const hiding = hidesUsers(fc.client);
  const user = await findUser(store, fc.pool, userName);
  if (!user) {
    if (!hiding) throw userNotFound();
    await preAuthentication(fc, undefined, userName, fc.clientMetadata);
    await checkLockout(store, fc.pool, { unknownName: userName }, clock.now());
    return srpChallenge(fc, undefined, userName, srpA);
  }
  await preAuthentication(fc, user, userName, fc.clientMetadata);
  // Where the client hides users, the proof is refused instead (srp-verify.ts), as a wrong one is.
  if (user.status === 'RESET_REQUIRED' && !hiding) throw passwordResetRequired();
  await checkLockout(store, fc.pool, { sub: user.sub }, clock.now());
  return srpChallenge(fc, user, userName, srpA);
}
