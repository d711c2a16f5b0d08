/**
 * Global sign-out: the user's "signed out at" time, which every check of an access or refresh
 * token consults (authenticate.ts, flows/refresh-token.ts), then the revocation of the token rows
 * (so RevokeToken's and GetTokensFromRefreshToken's answers stay as before). The time is the
 * truth: it holds for tokens whose rows were rotated, are in their grace period, or were purged.
 */
import type { PoolRecord } from '../../domain/pool.ts';
import { SIGNED_OUT_AT } from '../../domain/token.ts';
import type { Repositories } from '../../storage/store.ts';
import { updateUser } from './users.ts';

export async function signOutEverywhere(repos: Pick<Repositories, 'users' | 'tokens'>, pool: Pick<PoolRecord, 'id' | 'config'>, sub: string, now: number): Promise<void> {
  await updateUser(repos, pool, sub, (u) => ({ ...u, settings: { ...u.settings, [SIGNED_OUT_AT]: now } }), now, { bookkeeping: true });
  await repos.tokens.revokeAllForUser(pool.id, sub, now);
}
