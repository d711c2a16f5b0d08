import type { Operation } from '../operation.ts';
import adminInitiateAuth from './admin-initiate-auth.ts';
import adminRespondToAuthChallenge from './admin-respond-to-auth-challenge.ts';
import initiateAuth from './initiate-auth.ts';
import respondToAuthChallenge from './respond-to-auth-challenge.ts';

/** Sign-in: the auth flows and their challenges (the flows themselves live in src/flows). */
export const operations: Operation[] = [adminInitiateAuth, adminRespondToAuthChallenge, initiateAuth, respondToAuthChallenge];
