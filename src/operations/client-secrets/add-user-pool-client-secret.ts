import type { AddUserPoolClientSecretRequest, AddUserPoolClientSecretResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeClientSecret, withSecretAdded } from '../../domain/client-secrets.ts';
import type { Wire } from '../../domain/wire.ts';
import { newClientSecret } from '../../ground/ids.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';

/**
 * A second secret for a confidential client: the one given, or one Cognate makes. The answer
 * shows the value only when Cognate made it (the caller knows its own), as AWS's does.
 */
export default poolOperation<AddUserPoolClientSecretRequest, Wire<AddUserPoolClientSecretResponse>, 'store' | 'clock' | 'random'>(
  'AddUserPoolClientSecret',
  async ({ store, clock, random }, input, ctx) => {
    const value = input.ClientSecret ?? newClientSecret(random);
    const { client, added } = await store.transaction(async (tx) => {
      const current = await requireClient(tx, ctx.pool.id, input.ClientId!);
      const next = withSecretAdded(current, value, clock.now());
      await tx.clients.update(next.client);
      return next;
    });
    return { ClientSecretDescriptor: describeClientSecret(client, added, input.ClientSecret === undefined) };
  },
);
