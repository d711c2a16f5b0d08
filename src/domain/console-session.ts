/** A signed-in administrator's console session. The browser holds a random token; the store keeps only its SHA-256. */
export interface ConsoleSessionRecord {
  /** SHA-256 (base64url) of the cookie's token. */
  hash: string;
  /** The configured access key the administrator signed in with. */
  accessKeyId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds: sliding, never beyond createdAt + an absolute limit the caller enforces. */
  expiresAt: number;
}
