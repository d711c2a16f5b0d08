/**
 * The managed login session: after a sign-in on the pages, the browser holds a cookie with an
 * opaque token (the store keeps its SHA-256), so that the next `/oauth2/authorize` of any app
 * client of the pool signs in without asking again, until `/logout` or the session's hour is up.
 */
import { LOGIN_SESSION_MS } from '../../domain/oauth.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import { signedOutSince } from '../../domain/token.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { FlowDeps } from '../context.ts';
import { hashToken } from '../session.ts';

const CHALLENGE = 'HOSTED_LOGIN';

type Deps = Pick<FlowDeps, 'store' | 'clock' | 'random'>;

/** A new session for the user of `pool`; the token goes into the cookie. */
export async function openLoginSession(deps: Deps, pool: PoolRecord, user: UserRecord, authTime: number): Promise<string> {
  const token = deps.random.bytes(32).toString('base64url');
  const now = deps.clock.now();
  await deps.store.authSessions.put({
    hash: hashToken(token), poolId: pool.id, clientId: '', sub: user.sub, challenge: CHALLENGE, state: { authTime }, createdAt: now, expiresAt: now + LOGIN_SESSION_MS,
  });
  return token;
}

/**
 * The signed-in user of a session cookie, while the session lasts and the user is still there,
 * enabled, and has not signed out everywhere since (GlobalSignOut ends the pages' session too).
 */
export async function loginSessionUser(deps: Deps, pool: PoolRecord, token: string | undefined): Promise<{ user: UserRecord; authTime: number } | undefined> {
  if (!token || token.length > 256) return undefined;
  const s = await deps.store.authSessions.get(hashToken(token), deps.clock.now());
  if (!s || s.challenge !== CHALLENGE || s.poolId !== pool.id) return undefined;
  const user = await deps.store.users.get(pool.id, s.sub);
  if (!user || !user.enabled || signedOutSince(user.settings, s.createdAt)) return undefined;
  return { user, authTime: s.state.authTime as number };
}

/** Ends the session (`/logout`); a token that names none is no error. */
export async function closeLoginSession(deps: Deps, token: string | undefined): Promise<void> {
  if (!token || token.length > 256) return;
  const hash = hashToken(token);
  const s = await deps.store.authSessions.get(hash, deps.clock.now());
  if (s?.challenge === CHALLENGE) await deps.store.authSessions.take(hash, deps.clock.now());
}
