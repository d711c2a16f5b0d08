import type { KeyObject } from 'node:crypto';
import type { Jws } from './jws.ts';

/** An access token as presented: decoded once, not verified yet. */
export interface PresentedToken {
  /** The pool its issuer names. */
  poolId: string;
  /** The app client and the user it names, when it names them. */
  clientId?: string;
  sub?: string;
  jws: Jws;
  /** The token as presented. */
  raw: string;
  /** The key its signature was checked with, when it comes from the memo of verified tokens. */
  verifiedWith?: KeyObject;
}
