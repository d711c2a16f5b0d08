/**
 * The challenge `Session` (and SRP's SECRET_BLOCK): an opaque random token handed to the client;
 * the store keeps only its SHA-256, with what the next step needs. Single use, expiring after the
 * client's AuthSessionValidity (3 minutes by default).
 */
import { createHash } from 'node:crypto';
import type { AuthSessionRecord } from '../domain/auth-session.ts';
import { invalidSession, missingParameter } from '../errors/index.ts';
import type { FlowContext, FlowDeps } from './context.ts';

/** What making and taking Sessions needs: the pool and client they belong to, the store, clock and randomness. */
export type SessionContext = Pick<FlowContext, 'pool' | 'client' | 'hosted'> & { deps: Pick<FlowDeps, 'store' | 'clock' | 'random'> };

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export function sessionValidityMs(fc: Pick<FlowContext, 'client'>): number {
  return (fc.client.config.AuthSessionValidity ?? 3) * 60_000;
}

/** Stores a session under `token` (made by the caller, so SRP can use its SECRET_BLOCK). */
export async function putSession(fc: SessionContext, token: string, s: { sub: string; challenge: string; state: Record<string, unknown> }): Promise<void> {
  const now = fc.deps.clock.now();
  await fc.deps.store.authSessions.put({
    hash: hashToken(token), poolId: fc.pool.id, clientId: fc.client.clientId, sub: s.sub, challenge: s.challenge, state: fc.hosted ? { ...s.state, hosted: true } : s.state,
    createdAt: now, expiresAt: now + sessionValidityMs(fc),
  });
}

/** A new opaque Session for a challenge. */
export async function newSession(fc: SessionContext, s: { sub: string; challenge: string; state: Record<string, unknown> }): Promise<string> {
  const token = fc.deps.random.bytes(96).toString('base64url');
  await putSession(fc, token, s);
  return token;
}

/**
 * Takes (uses up) the session `token` for `challenge` of this client's pool. Unknown, used, expired,
 * or another client's or challenge's: Cognito's "Invalid session" error; none at all: a missing parameter.
 */
export async function takeSession(fc: SessionContext, token: string | undefined, challenge: string): Promise<AuthSessionRecord> {
  if (!token) throw missingParameter('Session');
  const s = await fc.deps.store.authSessions.take(hashToken(token), fc.deps.clock.now());
  if (!s || s.poolId !== fc.pool.id || s.clientId !== fc.client.clientId || s.challenge !== challenge) throw invalidSession();
  // A managed login page's sign-in ends in the pages (no tokens): its Session is not the API's to answer, nor the reverse.
  if ((s.state.hosted === true) !== (fc.hosted === true)) throw invalidSession();
  return s;
}

/**
 * Puts a taken session back under its token, while it is still valid: a wrong answer to an MFA code
 * may be corrected within the same session (the code's or the user's attempt limit bounds it).
 */
export async function putBack(fc: SessionContext, token: string, s: AuthSessionRecord, state: Record<string, unknown> = s.state): Promise<void> {
  if (s.expiresAt > fc.deps.clock.now()) await fc.deps.store.authSessions.put({ ...s, state, hash: hashToken(token) });
}
