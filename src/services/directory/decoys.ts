/**
 * Stand-ins for users who do not exist, for app clients that hide whether users exist
 * (PreventUserExistenceErrors): an SRP salt, a sub, a masked address, each the same every time a
 * name is asked about (in the pool's case rule), so that asking twice tells a stand-in from a real
 * user no better than asking once. Derived under a server secret kept in the store (made on first
 * use), so every instance answers alike.
 */
import { createHmac } from 'node:crypto';
import type { ClientRecord } from '../../domain/client.ts';
import type { CodePurpose } from '../../domain/code.ts';
import { usernameKey } from '../../domain/user.ts';
import type { PoolRecord } from '../../domain/pool.ts';
import type { Deps } from '../deps.ts';

const PURPOSE = 'srp-decoy';

/** Whether the client answers a name no user holds as it would answer a user. */
export const hidesUsers = (client: ClientRecord) => client.config.PreventUserExistenceErrors === 'ENABLED';

/** 32 bytes standing for `what` of the name `userName` in `pool`. */
export async function decoyBytes(deps: Pick<Deps, 'store' | 'random' | 'clock'>, pool: Pick<PoolRecord, 'id' | 'config'>, userName: string, what: string): Promise<Buffer> {
  const { secrets } = deps.store;
  let keys = await secrets.list(PURPOSE);
  if (keys.length === 0) {
    await secrets.addIfAbsent(PURPOSE, { id: 'generated-1', secret: deps.random.bytes(32), createdAt: deps.clock.now() });
    keys = await secrets.list(PURPOSE);
  }
  // The oldest secret: one added later (none is, yet) would not change what names were shown.
  return createHmac('sha256', keys[keys.length - 1].secret).update(`${what}\0${pool.id}\0${usernameKey(pool.config, userName)}`).digest();
}

/**
 * The hourly code limit (limits.codesPerUserHourly) for a name answered with a simulated
 * delivery, as it holds for a user: the sixth request in an hour answers LimitExceededException
 * for both. Kept under the name's stand-in id, in the same bounded, purged windows as a user's.
 */
export async function admitDecoyCode(deps: Pick<Deps, 'store' | 'random' | 'clock' | 'admission'>, pool: Pick<PoolRecord, 'id' | 'config'>, userName: string, purpose: CodePurpose): Promise<void> {
  const id = (await decoyBytes(deps, pool, userName, 'code-limit')).subarray(0, 16).toString('hex');
  await deps.admission.admitCode({ poolId: pool.id, userId: `decoy:${id}`, purpose });
}
