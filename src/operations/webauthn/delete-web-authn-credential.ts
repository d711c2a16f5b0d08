import type { DeleteWebAuthnCredentialRequest } from '@aws-sdk/client-cognito-identity-provider';
import { passkeyNotFound } from '../../errors/index.ts';
import { userOperation } from '../operation.ts';

/** Deletes one of the signed-in user's passkeys; another user's credential id is not found, as an unknown one. */
export default userOperation<DeleteWebAuthnCredentialRequest, Record<string, never>, 'store'>('DeleteWebAuthnCredential', async ({ store }, input, ctx) => {
  if (!(await store.passkeys.delete(ctx.pool.id, ctx.user.sub, input.CredentialId!))) throw passkeyNotFound();
  return {};
});
