/**
 * An app client's secrets: up to two at once, so that a secret can be rotated without downtime
 * (the new one added, the callers moved over, the old one deleted). Either one proves the client.
 */
import type { ClientSecretDescriptorType } from '@aws-sdk/client-cognito-identity-provider';
import { clientSecretLimitReached, clientSecretNotFound, lastClientSecret, publicClientSecret } from '../errors/index.ts';
import type { ClientRecord, ClientSecret } from './client.ts';
import { compact, epochSeconds, type Wire } from './wire.ts';

export const MAX_CLIENT_SECRETS = 2;

/** The client's secrets, oldest first: the first is the one DescribeUserPoolClient answers. */
export function secretsOf(c: ClientRecord): ClientSecret[] {
  if (c.secrets) return c.secrets;
  return c.secret === null ? [] : [{ value: c.secret, createdAt: c.createdAt }];
}

/** `<client-id>--<epoch-create-time>`, as AWS forms ClientSecretId (here in milliseconds). */
export const clientSecretId = (clientId: string, s: ClientSecret) => `${clientId}--${s.createdAt}`;

/** The client holding `secrets`; `secret` is the first one's value. */
const holding = (c: ClientRecord, secrets: ClientSecret[]): ClientRecord => ({ ...c, secret: secrets[0]?.value ?? null, secrets });

/** The client with `value` added as its newest secret, made at `now` (a millisecond later than its newest, should they collide: ids are by time). */
export function withSecretAdded(c: ClientRecord, value: string, now: number): { client: ClientRecord; added: ClientSecret } {
  const current = secretsOf(c);
  if (current.length === 0) throw publicClientSecret(c.clientId);
  if (current.length >= MAX_CLIENT_SECRETS) throw clientSecretLimitReached(MAX_CLIENT_SECRETS);
  const added = { value, createdAt: Math.max(now, ...current.map((s) => s.createdAt + 1)) };
  return { client: holding(c, [...current, added]), added };
}

/** The client without the secret of id `secretId`; its last secret stays. */
export function withSecretDeleted(c: ClientRecord, secretId: string): ClientRecord {
  const current = secretsOf(c);
  const rest = current.filter((s) => clientSecretId(c.clientId, s) !== secretId);
  if (rest.length === current.length) throw clientSecretNotFound(secretId);
  if (rest.length === 0) throw lastClientSecret();
  return holding(c, rest);
}

/** A secret as AddUserPoolClientSecret and ListUserPoolClientSecrets describe it; its value only where it is to be shown. */
export function describeClientSecret(c: ClientRecord, s: ClientSecret, showValue: boolean): Wire<ClientSecretDescriptorType> {
  return compact({
    ClientSecretId: clientSecretId(c.clientId, s),
    ClientSecretValue: showValue ? s.value : undefined,
    ClientSecretCreateDate: epochSeconds(s.createdAt),
  });
}
