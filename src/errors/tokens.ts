/** Access and refresh tokens refused, and what RevokeToken will not revoke. */
import { CognitoError } from './cognito-error.ts';

const notAuthorized = (message: string) => new CognitoError('NotAuthorizedException', message);

export const invalidAccessToken = () => notAuthorized('Invalid Access Token');
export const accessTokenExpired = () => notAuthorized('Access Token has expired');
export const accessTokenLacksScope = () => notAuthorized('Access Token does not have required scopes');
export const accessTokenRevoked = () => notAuthorized('Access Token has been revoked');

export const invalidRefreshToken = () => notAuthorized('Invalid Refresh Token');
export const refreshTokenExpired = () => notAuthorized('Refresh Token has expired');
export const refreshTokenRevoked = () => notAuthorized('Refresh Token has been revoked');

export const revocationDisabled = () => new CognitoError('UnsupportedOperationException', 'Token revocation is not enabled for this client.');
export const onlyRefreshTokensRevocable = () => new CognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
