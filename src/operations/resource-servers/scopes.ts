import type { ResourceServerScopeType } from '@aws-sdk/client-cognito-identity-provider';
import type { ResourceScope } from '../../domain/resource-server.ts';
import { duplicateScope } from '../../errors/index.ts';

/** The scopes as given (the model has checked names, descriptions and the 100 at most), each name once. */
export function scopesOf(input: ResourceServerScopeType[] | undefined): ResourceScope[] {
  const seen = new Set<string>();
  return (input ?? []).map((s) => {
    if (seen.has(s.ScopeName!)) throw duplicateScope(s.ScopeName!);
    seen.add(s.ScopeName!);
    return { ScopeName: s.ScopeName!, ScopeDescription: s.ScopeDescription! };
  });
}
