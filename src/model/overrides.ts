/**
 * Where AWS's service accepts what its published model refuses, the shape as the service checks it.
 * Each entry changes only what AWS is known to accept, and says why.
 */
import { shapes } from './cognito-idp.generated.ts';
import type { ShapeInfo } from './types.ts';

const { pattern: _prefixOnly, ...domainLengths } = shapes.DomainType;

export const shapeOverrides: Readonly<Record<string, ShapeInfo>> = {
  // DomainType's pattern allows a prefix only, yet CreateUserPoolDomain (and the other domain
  // operations) take a custom domain's full name, `auth.example.com`: AWS checks the name itself
  // (its own "invalid character" refusal for a prefix), so only the lengths stay here.
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html
  DomainType: domainLengths,
};
