import type { StartWebAuthnRegistrationRequest } from '@aws-sdk/client-cognito-identity-provider';
import { startRegistration } from '../../services/webauthn/registration.ts';
import { userOperation } from '../operation.ts';

/**
 * The signed-in user's PublicKeyCredentialCreationOptions, as a JSON document (not a string): the
 * pool's relying party, the user, the algorithms, the passkeys to exclude, a single-use challenge.
 */
export default userOperation<StartWebAuthnRegistrationRequest, { CredentialCreationOptions: Record<string, unknown> }, 'store' | 'clock' | 'random' | 'sealer' | 'tokens'>(
  'StartWebAuthnRegistration',
  async (deps, input, ctx) => ({ CredentialCreationOptions: await startRegistration(deps, ctx.pool, ctx.client, ctx.user) }),
);
