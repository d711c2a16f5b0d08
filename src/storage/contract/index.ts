/**
 * The one contract every store adapter passes: each repository exercised through its interface
 * only, part by part (pools and clients, the rows a signed-in user's request reads, users, codes
 * and the outbox, invocations, challenge sessions, refresh tokens and signing keys, the lockout's
 * counters, passkeys, devices, user pool domains and resource servers, identity providers, UI
 * customizations, user import jobs, auth events and risk configurations, managed login branding
 * and terms, the console's sign-in sessions). An adapter's test file calls `storeContract` with a
 * factory for a fresh store.
 */
import type { Store } from '../store.ts';
import { consoleSessionsContract } from './console-sessions.ts';
import { deliveryContract } from './delivery.ts';
import { devicesContract } from './devices.ts';
import { identityProvidersContract } from './identity-providers.ts';
import { importJobsContract } from './import-jobs.ts';
import { invocationsContract } from './invocations.ts';
import { lockoutsContract } from './lockouts.ts';
import { managedLoginContract } from './managed-login.ts';
import { oauthResourcesContract } from './oauth-resources.ts';
import { passkeysContract } from './passkeys.ts';
import { poolsAndClientsContract } from './pools-clients.ts';
import { signedInContract } from './signed-in.ts';
import { authSessionsContract, signingKeysContract } from './tokens.ts';
import { uiCustomizationsContract } from './ui-customizations.ts';
import { threatContract } from './threat.ts';
import { usersContract } from './users.ts';

/** `another`, for an adapter whose instances can share a database: a second instance on the one of the store given. */
export function storeContract(name: string, open: () => Promise<Store>, another?: (store: Store) => Promise<Store>): void {
  poolsAndClientsContract(name, open);
  signedInContract(name, open, another);
  usersContract(name, open);
  deliveryContract(name, open);
  invocationsContract(name, open);
  authSessionsContract(name, open);
  signingKeysContract(name, open);
  lockoutsContract(name, open);
  devicesContract(name, open);
  passkeysContract(name, open);
  oauthResourcesContract(name, open);
  identityProvidersContract(name, open);
  uiCustomizationsContract(name, open);
  importJobsContract(name, open);
  threatContract(name, open);
  managedLoginContract(name, open);
  consoleSessionsContract(name, open);
}
