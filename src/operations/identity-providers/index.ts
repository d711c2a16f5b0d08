import type { Operation } from '../operation.ts';
import createIdentityProvider from './create-identity-provider.ts';
import deleteIdentityProvider from './delete-identity-provider.ts';
import describeIdentityProvider from './describe-identity-provider.ts';
import getIdentityProviderByIdentifier from './get-identity-provider-by-identifier.ts';
import listIdentityProviders from './list-identity-providers.ts';
import updateIdentityProvider from './update-identity-provider.ts';

/** A pool's identity providers (federation's administrative API). */
export const operations: Operation[] = [createIdentityProvider, deleteIdentityProvider, describeIdentityProvider, getIdentityProviderByIdentifier, listIdentityProviders, updateIdentityProvider];
