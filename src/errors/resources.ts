/** What a request names that does not exist, or cannot be made again. */
import { CognitoError } from './cognito-error.ts';

const notFound = (message: string) => new CognitoError('ResourceNotFoundException', message);
export const poolNotFound = (poolId: string) => notFound(`User pool ${poolId} does not exist.`);
export const clientNotFound = (clientId: string) => notFound(`User pool client ${clientId} does not exist.`);
export const groupNotFound = () => notFound('Group not found.');

export const userNotFound = () => new CognitoError('UserNotFoundException', 'User does not exist.');
/** The operations that name a user together with an app client (sign-up, recovery). */
export const userNotFoundForClient = () => new CognitoError('UserNotFoundException', 'Username/client id combination not found.');

export const groupExists = (name: string) => new CognitoError('GroupExistsException', `A group with the name ${name} already exists.`);
/** AdminCreateUser's wording for a username another user holds. */
export const userAccountExists = () => new CognitoError('UsernameExistsException', 'User account already exists');
/** SignUp's (and an update's) wording for a username another user holds. */
export const userExists = () => new CognitoError('UsernameExistsException', 'User already exists');
/** An email or phone number that is another user's username. */
export const usernameValueTaken = (attribute: string) => new CognitoError('UsernameExistsException', `An account with the given ${attribute} already exists.`);
/** An email or phone number that is another user's sign-in alias. */
export const aliasExists = (attribute: string) => new CognitoError('AliasExistsException', `An account with the given ${attribute} already exists.`);

export const concurrentModification = () => new CognitoError('ConcurrentModificationException', 'The user was changed by another request at the same time; try again.');

export const poolLimitReached = (max: number) => new CognitoError('LimitExceededException', `The limit of ${max} user pools has been reached.`);
export const clientLimitReached = (max: number, poolId: string) =>
  new CognitoError('LimitExceededException', `The limit of ${max} app clients for user pool ${poolId} has been reached.`);
export const deletionProtected = () =>
  new CognitoError('InvalidParameterException', 'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.');

/** A NextToken this listing did not issue. */
export const invalidPaginationToken = () => new CognitoError('InvalidParameterException', 'Invalid pagination token.');
/** ListUsers ties its PaginationToken to the request (and filter) that produced it. */
export const invalidPagingMarker = (token: string, requestId: string) =>
  new CognitoError('InvalidParameterException', `Paging marker ${token} is invalid for request ${requestId}`);
