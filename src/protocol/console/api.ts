/**
 * The console's way to the API: every read and every action is a request to the awsJson1.1 front
 * door, signed with SigV4 under the signed-in administrator's access key, as the AWS CLI would send
 * it. It passes the same signature check, model validation, protection rules, quotas and
 * operation as any client's request, and the request log records it under that key. The console
 * never reads or writes a pool's rows by another way.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import type { FastifyRequest } from 'fastify';
import { Sha256 } from '../../ground/sha256.ts';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export interface Caller {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A Cognito error the API answered: shown to the administrator as AWS's console shows it. */
export class ApiError extends Error {
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}

export type Call = <T = Record<string, unknown>>(operation: string, input: object) => Promise<T>;

/** The call of a visitor who has not signed in: nothing reaches the API. */
export const refusedCall: Call = () => Promise.reject(new ApiError('NotAuthorizedException', 'Sign in to the console first.'));

/** A signed call to the API on behalf of the console's request `req` (its address is the caller's). */
export function apiCaller(req: FastifyRequest, caller: Caller, region: string): Call {
  const signer = new SignatureV4({ credentials: caller, region, service: 'cognito-idp', sha256: Sha256 });
  const host = 'cognate.console';
  return async <T>(operation: string, input: object): Promise<T> => {
    const body = JSON.stringify(input);
    const request = {
      method: 'POST', protocol: 'http:', hostname: host, path: '/', query: {},
      headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET_PREFIX + operation, 'user-agent': 'cognate-console' },
      body,
    };
    const signed = (await signer.sign(request)) as unknown as { headers: Record<string, string> };
    // The console's visitor is the caller: protection rules and quotas see their address.
    const res = await req.server.inject({ method: 'POST', url: '/', headers: signed.headers, payload: body, remoteAddress: req.ip });
    const answer = res.body === '' ? {} : (JSON.parse(res.body) as Record<string, unknown>);
    if (res.statusCode !== 200) {
      const type = String(answer.__type ?? 'InternalErrorException').replace(/^.*#/, '');
      throw new ApiError(type, String(answer.message ?? answer.Message ?? `${operation} failed (${res.statusCode})`));
    }
    return answer as T;
  };
}
