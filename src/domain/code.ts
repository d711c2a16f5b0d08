/** What a one-time code is for; with the attribute, it names the code a user holds. */
export type CodePurpose = 'attribute-verification' | 'sign-up' | 'forgot-password' | 'invitation' | 'mfa';

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
