import { createHash } from 'node:crypto';

/** What the store keeps of a refresh token: its SHA-256, never the token itself. */
export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('base64url');
