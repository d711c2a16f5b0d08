import type { CompleteWebAuthnRegistrationRequest } from '@aws-sdk/client-cognito-identity-provider';
import { completeRegistration } from '../../services/webauthn/registration.ts';
import { userOperation } from '../operation.ts';

/** Verifies the authenticator's RegistrationResponseJSON against the challenge StartWebAuthnRegistration gave, and keeps the passkey. */
export default userOperation<CompleteWebAuthnRegistrationRequest, Record<string, never>, 'store' | 'clock' | 'random' | 'sealer' | 'tokens'>(
  'CompleteWebAuthnRegistration',
  async (deps, input, ctx) => {
    await completeRegistration(deps, ctx.pool, ctx.client, ctx.user, input.Credential);
    return {};
  },
);
