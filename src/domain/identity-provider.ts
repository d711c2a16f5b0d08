import type { IdentityProviderType, ProviderDescription } from '@aws-sdk/client-cognito-identity-provider';
import { compact, epochSeconds, type Wire } from './wire.ts';

/** The IdP types CreateIdentityProvider accepts (the model's IdentityProviderTypeType). */
export type ProviderType = 'SAML' | 'Facebook' | 'Google' | 'LoginWithAmazon' | 'SignInWithApple' | 'OIDC';

/** The social types: each has one provider per pool, named after its type. */
export const SOCIAL_TYPES: readonly ProviderType[] = ['Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple'];

/** The ProviderDetails keys that are secrets: sealed at rest (services/identity-providers). */
export const SECRET_DETAILS = ['client_secret', 'private_key'] as const;

/**
 * An identity provider as the store keeps it. `details` holds what the administrator gave (with
 * the secret keys sealed); the keys AWS derives for Describe are added when it is described.
 */
export interface IdentityProviderRecord {
  poolId: string;
  name: string;
  type: ProviderType;
  details: Record<string, string>;
  attributeMapping: Record<string, string>;
  identifiers: string[];
  createdAt: number;
  lastModifiedAt: number;
}

/** The IdentityProviderType Describe/Create/Update return, given the details to show (secrets opened, derived keys added). */
export function describeIdentityProvider(p: IdentityProviderRecord, details: Record<string, string>): Wire<IdentityProviderType> {
  return compact({
    UserPoolId: p.poolId,
    ProviderName: p.name,
    ProviderType: p.type,
    ProviderDetails: details,
    AttributeMapping: p.attributeMapping,
    IdpIdentifiers: p.identifiers,
    LastModifiedDate: epochSeconds(p.lastModifiedAt),
    CreationDate: epochSeconds(p.createdAt),
  });
}

/** ListIdentityProviders' summary: no details. */
export function describeProviderSummary(p: IdentityProviderRecord): Wire<ProviderDescription> {
  return {
    ProviderName: p.name,
    ProviderType: p.type,
    LastModifiedDate: epochSeconds(p.lastModifiedAt),
    CreationDate: epochSeconds(p.createdAt),
  };
}
