/**
 * How an app client with a secret proves it: a SECRET_HASH per user, or the secret itself. A
 * client may hold two secrets while one is rotated (domain/client-secrets.ts): either proves it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ClientRecord } from '../../domain/client.ts';
import { secretsOf } from '../../domain/client-secrets.ts';
import { clientSecretMismatch, invalidClientCredentials, secretHashMismatch, secretNotReceived } from '../../errors/index.ts';

/** Compared in constant time: how long a refusal takes tells nothing of the secret. */
function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether `matches` holds for one of the client's secrets. Every secret is tried, so that how long
 * an answer takes does not tell which of the two (or whether the first) matched.
 */
function anySecret(client: ClientRecord, matches: (secret: string) => boolean): boolean {
  return secretsOf(client).map((s) => matches(s.value)).includes(true);
}

/** Base64 HMAC-SHA256 of username + client id under the client secret, as clients compute SECRET_HASH. */
export const secretHash = (clientSecret: string, username: string, clientId: string) =>
  createHmac('sha256', clientSecret).update(username + clientId).digest('base64');

/** Whether `given` is the SECRET_HASH of `username` for a client with a secret, compared in constant time. */
export const isSecretHashOf = (client: ClientRecord, username: string, given: string) =>
  anySecret(client, (secret) => same(given, secretHash(secret, username, client.clientId)));

/**
 * A client with a secret requires SECRET_HASH (computed over the username the caller sent);
 * one without ignores it.
 */
export function checkSecretHash(client: ClientRecord, username: string, given: string | undefined): void {
  if (!client.secret) return;
  if (!given) throw secretNotReceived(client.clientId);
  if (!isSecretHashOf(client, username, given)) throw secretHashMismatch(client.clientId);
}

/** Whether `given` is the client's secret (the OAuth token endpoint's client authentication), compared in constant time. */
export const isClientSecret = (client: ClientRecord, given: string) => anySecret(client, (secret) => same(given, secret));

/** GetTokensFromRefreshToken takes the client secret itself (not a SECRET_HASH). */
export function checkClientSecret(client: ClientRecord, given: string | undefined): void {
  if (!client.secret) return;
  if (!given) throw secretNotReceived(client.clientId);
  if (!isClientSecret(client, given)) throw clientSecretMismatch(client.clientId);
}

/** RevokeToken: a client with a secret authenticates with it, as at the OAuth revocation endpoint (RFC 7009). */
export function checkRevocationSecret(client: ClientRecord, given: string | undefined): void {
  if (client.secret && !isClientSecret(client, given ?? '')) throw invalidClientCredentials();
}
