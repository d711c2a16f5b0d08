/**
 * Tags on a user pool (TagResource, UntagResource, ListTagsForResource, and CreateUserPool's and
 * UpdateUserPool's UserPoolTags). AWS publishes the rules, not its wording: these are Cognate's.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/tagging.html
 */
import { CognitoError } from './cognito-error.ts';

const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);

export const tooManyTags = (max: number) => invalidParameter(`A user pool can have at most ${max} tags.`);
export const reservedTagKey = (key: string) => invalidParameter(`Tag key ${key} is not allowed: the prefix aws: is reserved for AWS use.`);
/** A key or value outside the characters AWS allows in tags (letters, digits, spaces and _ . : / = + - @). */
export const invalidTagCharacters = (key: string) =>
  invalidParameter(`Tag ${key} is not valid: tag keys and values may contain only letters, digits, spaces and the characters _ . : / = + - @`);
/** A ResourceArn that is not a user pool's ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>). */
export const notUserPoolArn = (arn: string) => invalidParameter(`${arn} is not the ARN of a user pool.`);
