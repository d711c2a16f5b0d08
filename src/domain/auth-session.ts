/** The server's side of a challenge in progress (InitiateAuth → RespondToAuthChallenge). */
export interface AuthSessionRecord {
  /** SHA-256 of the opaque token handed to the client (Session, or SRP's SECRET_BLOCK). */
  hash: string;
  poolId: string;
  clientId: string;
  sub: string;
  challenge: string;
  /** What the flow needs at the next step (SRP's b and B, custom challenge history, ...). */
  state: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}
