import type { Operation } from '../operation.ts';
import getUserAuthFactors from './get-user-auth-factors.ts';

/** Choice-based sign-in (USER_AUTH): what a signed-in user can start it with (the flow itself lives in src/flows/user-auth.ts). */
export const operations: Operation[] = [getUserAuthFactors];
