import type { ListUserPoolClientSecretsRequest, ListUserPoolClientSecretsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { describeClientSecret, secretsOf } from '../../domain/client-secrets.ts';
import type { Wire } from '../../domain/wire.ts';
import { invalidPaginationToken } from '../../errors/index.ts';
import { requireClient } from '../../services/directory/clients.ts';
import { poolOperation } from '../operation.ts';

/** Every secret of the client, by id and date, never its value; two at most, so one page, and no NextToken is ever issued. */
export default poolOperation<ListUserPoolClientSecretsRequest, Wire<ListUserPoolClientSecretsResponse>, 'store'>(
  'ListUserPoolClientSecrets',
  async ({ store }, input, ctx) => {
    if (input.NextToken !== undefined) throw invalidPaginationToken();
    const client = await requireClient(store, ctx.pool.id, input.ClientId!);
    return { ClientSecrets: secretsOf(client).map((s) => describeClientSecret(client, s, false)) };
  },
);
