import type { CreateUserPoolClientRequest, CreateUserPoolClientResponse } from '@aws-sdk/client-cognito-identity-provider';
import { clientConfig, describeClient, type ClientRecord } from '../../domain/client.ts';
import type { Wire } from '../../domain/wire.ts';
import { clientLimitReached, clientSecretWithoutGenerate } from '../../errors/index.ts';
import { newClientId, newClientSecret } from '../../ground/ids.ts';
import { withFreshId } from '../../services/directory/fresh-id.ts';
import { checkClientReferences } from '../../services/directory/client-references.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { StoreConflict } from '../../storage/repositories/conflicts.ts';
import { poolOperation } from '../operation.ts';

/** AWS's default quota of app clients per user pool. */
export const MAX_CLIENTS_PER_POOL = 1000;

export default poolOperation<CreateUserPoolClientRequest, Wire<CreateUserPoolClientResponse>, 'store' | 'clock' | 'random'>(
  'CreateUserPoolClient',
  async ({ store, clock, random }, input, ctx) => {
    const client = await store.transaction(async (tx) => {
      const pool = await requirePool(tx, ctx.pool.id);
      const config = clientConfig(input, pool.config.SchemaAttributes ?? [], 'creating', input.GenerateSecret === true);
      await checkClientReferences(tx, pool.id, config);
      if ((await tx.clients.count(pool.id)) >= MAX_CLIENTS_PER_POOL) {
        throw clientLimitReached(MAX_CLIENTS_PER_POOL, pool.id);
      }
      if (input.ClientSecret && !input.GenerateSecret) throw clientSecretWithoutGenerate();
      const now = clock.now();
      const secret = input.GenerateSecret ? (input.ClientSecret ?? newClientSecret(random)) : null;
      return withFreshId<ClientRecord>(
        () => ({ poolId: pool.id, clientId: newClientId(random), name: input.ClientName!, secret, createdAt: now, lastModifiedAt: now, config }),
        (c) => tx.clients.create(c),
        (e) => e instanceof StoreConflict,
      );
    });
    return { UserPoolClient: describeClient(client) };
  },
);
