import type { Operation } from '../operation.ts';
import adminDisableProviderForUser from './admin-disable-provider-for-user.ts';
import adminLinkProviderForUser from './admin-link-provider-for-user.ts';
import getSigningCertificate from './get-signing-certificate.ts';

/** Federated users: linking a provider's user to a native user, and undoing it; the pool's SAML signing certificate. */
export const operations: Operation[] = [adminLinkProviderForUser, adminDisableProviderForUser, getSigningCertificate];
