import type { UpdateUserPoolClientRequest, UpdateUserPoolClientResponse } from '@aws-sdk/client-cognito-identity-provider';
import { clientConfig, describeClient } from '../../domain/client.ts';
import type { Wire } from '../../domain/wire.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { checkClientReferences } from '../../services/directory/client-references.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';

export default poolOperation<UpdateUserPoolClientRequest, Wire<UpdateUserPoolClientResponse>, 'store' | 'clock'>(
  'UpdateUserPoolClient',
  async ({ store, clock }, input, ctx) => {
    const updated = await store.transaction(async (tx) => {
      const pool = await requirePool(tx, ctx.pool.id);
      const client = await requireClient(tx, pool.id, input.ClientId!);
      // Every settable member is replaced; the name and the secret are kept unless given.
      const config = clientConfig(input, pool.config.SchemaAttributes ?? [], 'updating', client.secret !== null);
      await checkClientReferences(tx, pool.id, config);
      const next = { ...client, name: input.ClientName ?? client.name, config, lastModifiedAt: clock.now() };
      await tx.clients.update(next);
      return next;
    });
    return { UserPoolClient: describeClient(updated) };
  },
);
