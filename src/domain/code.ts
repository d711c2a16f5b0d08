import { createHash } from 'node:crypto';

/** What a one-time code is for; with the attribute, it names the code a user holds. */
export type CodePurpose = 'attribute-verification' | 'sign-up' | 'forgot-password' | 'invitation' | 'mfa';

/**
 * The attribute a sign-in code is kept under: the attribute and a digest of the address the code
 * went to (`email#<16 bytes of its SHA-256>`), so that a code answers only for that address.
 */
export const boundAttribute = (attribute: string, destination: string): string =>
  `${attribute}#${createHash('sha256').update(destination).digest().subarray(0, 16).toString('base64url')}`;

/** The attribute a code verifies, without the address a sign-in code is bound to. */
export const verifiedAttribute = (keyAttribute: string): string => keyAttribute.split('#')[0];

export interface CodeKey {
  poolId: string;
  /** The user's sub. */
  userId: string;
  purpose: CodePurpose;
  /** The attribute verified (`email`, `phone_number`); '' when the purpose has none. */
  attribute: string;
}

export interface StoredCode extends CodeKey {
  /** HMAC-SHA256 of the code under the secret `keyId`: the code itself is never stored. */
  hmac: Buffer;
  keyId: string;
  createdAt: number;
  expiresAt: number;
  /**
   * Answers checked against this code, each counted before its check (so that answers sent at
   * once cannot all be checked against a count that none of them has raised yet).
   */
  attempts: number;
  consumedAt: number | null;
  /** Set when the message carrying the code could not be delivered. */
  invalidatedAt: number | null;
}
