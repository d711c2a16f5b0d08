import type { ServerSecret } from '../../domain/keys.ts';

/** The server's own secrets, by purpose (the code-HMAC and master keys it generates). */
export interface SecretRepository {
  /** The secrets kept for `purpose`, newest first. */
  list(purpose: string): Promise<ServerSecret[]>;
  /** Stores `secret` unless one with its id exists (two instances starting together keep one). */
  addIfAbsent(purpose: string, secret: ServerSecret): Promise<void>;
}
