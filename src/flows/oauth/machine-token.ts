/**
 * A client_credentials grant's access token, shaped by the pool's Pre Token Generation function
 * when it is a V3_0 one (Cognito sends machine-to-machine grants only to V3_0 functions, with the
 * trigger source TokenGeneration_ClientCredentials): its access-token claims and scopes, as for a
 * user's tokens; the form's `aws_client_metadata` (JSON) is the event's clientMetadata.
 */
import { oauthInvalidRequest } from '../../errors/oauth.ts';
import { preTokenGenerationEvent } from '../../services/triggers/index.ts';
import { eventHeader, type FlowContext } from '../context.ts';
import { allowed } from '../issue-tokens.ts';

function clientMetadataOf(raw: string | null): Record<string, string> | undefined {
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw oauthInvalidRequest('aws_client_metadata is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw oauthInvalidRequest('aws_client_metadata must be an object of strings');
  }
  return parsed as Record<string, string>;
}

export async function machineToken(fc: FlowContext, scopes: string[], form: URLSearchParams): Promise<{ AccessToken: string; ExpiresIn: number }> {
  const clientMetadata = clientMetadataOf(form.get('aws_client_metadata'));
  const config = fc.pool.config.LambdaConfig?.PreTokenGenerationConfig;
  if (!config?.LambdaArn || config.LambdaVersion !== 'V3_0') return fc.deps.tokens.issueForClient({ pool: fc.pool, client: fc.client, scopes });
  const event = preTokenGenerationEvent({
    // No user: Cognito's event names none.
    ...eventHeader(fc, ''), triggerSource: 'TokenGeneration_ClientCredentials', eventVersion: 'V3_0', userAttributes: {}, scopes, clientMetadata,
  });
  const answer = await fc.deps.triggers.invoke({ LambdaArn: config.LambdaArn, LambdaVersion: config.LambdaVersion }, { ...event, userName: null } as unknown as typeof event);
  const details = answer.response.claimsAndScopeOverrideDetails?.accessTokenGeneration;
  const { add, suppress } = allowed(details);
  const suppressed = new Set(details?.scopesToSuppress ?? []);
  const granted = [...new Set([...scopes, ...(details?.scopesToAdd ?? [])])].filter((s) => !suppressed.has(s));
  return fc.deps.tokens.issueForClient({ pool: fc.pool, client: fc.client, scopes: granted, ...(add ? { add } : {}), ...(suppress ? { suppress } : {}) });
}
