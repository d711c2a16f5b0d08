import { operations as attributes } from './attributes/index.ts';
import { operations as clientSecrets } from './client-secrets/index.ts';
import { operations as clients } from './clients/index.ts';
import { operations as devices } from './devices/index.ts';
import { operations as domains } from './domains/index.ts';
import { operations as federation } from './federation/index.ts';
import { operations as groups } from './groups/index.ts';
import { operations as identityProviders } from './identity-providers/index.ts';
import { operations as userImport } from './import/index.ts';
import { operations as logDelivery } from './log-delivery/index.ts';
import { operations as managedLoginBranding } from './managed-login-branding/index.ts';
import { operations as mfa } from './mfa/index.ts';
import type { Operation } from './operation.ts';
import { operations as passwords } from './passwords/index.ts';
import { operations as pools } from './pools/index.ts';
import { operations as resourceServers } from './resource-servers/index.ts';
import { operations as signIn } from './sign-in/index.ts';
import { operations as signUp } from './sign-up/index.ts';
import { operations as threatProtection } from './threat-protection/index.ts';
import { operations as tags } from './tags/index.ts';
import { operations as terms } from './terms/index.ts';
import { operations as tokens } from './tokens/index.ts';
import { operations as uiCustomization } from './ui-customization/index.ts';
import { operations as userAuth } from './user-auth/index.ts';
import { operations as users } from './users/index.ts';
import { operations as webauthn } from './webauthn/index.ts';

/** The operations Cognate implements, by name; each feature folder registers its own. The model knows all the others. */
export const registry: ReadonlyMap<string, Operation> = new Map(
  [
    pools, clients, users, groups, signUp, signIn, tokens, passwords, attributes, mfa, devices, userAuth, webauthn,
    domains, resourceServers, identityProviders, federation, uiCustomization, userImport, threatProtection, tags, clientSecrets, logDelivery,
    managedLoginBranding, terms,
  ].flatMap((feature) => feature.map((op) => [op.name, op] as const)),
);
