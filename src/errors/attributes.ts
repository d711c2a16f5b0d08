/** A user's attributes as a request writes or verifies them: against the pool's schema and the writer's rights. */
import { CognitoError } from './cognito-error.ts';

const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);
const schema = (detail: string) => invalidParameter(`Attributes did not conform to the schema: ${detail}`);

export const attributeNotInSchema = (name: string) => schema(`${name}: Attribute does not exist in the schema.`);
export const subNotMutable = () => schema('sub: Cannot modify the non-mutable attribute sub');
/** Required attributes missing or removed, one line each. */
export const attributesRequired = (names: string[]) => schema(names.map((n) => `${n}: The attribute is required`).join('\n'));
export const attributeImmutable = (name: string) => schema(`${name}: Attribute cannot be updated. (changing an immutable attribute)`);
export const notBoolean = (name: string) => schema(`${name}: Boolean attribute must be 'true' or 'false'`);
export const notNumber = (name: string) => schema(`${name}: Number attribute must be a number`);
export const numberBelowMinimum = (name: string, min: string) => schema(`${name}: Number must be no less than ${min}`);
export const numberAboveMaximum = (name: string, max: string) => schema(`${name}: Number must be no greater than ${max}`);
export const stringTooShort = (name: string, min: string) => schema(`${name}: String must be no shorter than ${min} characters`);
export const stringTooLong = (name: string, max: string) => schema(`${name}: String must be no longer than ${max} characters`);

/** Why an attribute a request deletes cannot go; each is one line of the combined answer. */
export type UndeletableReason = 'not-in-schema' | 'sub' | 'required' | 'immutable';
const UNDELETABLE: Readonly<Record<UndeletableReason, (name: string) => string>> = {
  'not-in-schema': () => 'Attribute does not exist in the schema.',
  sub: (name) => `Cannot modify the non-mutable attribute ${name}`,
  required: () => 'The attribute is required',
  immutable: () => 'Attribute cannot be updated.',
};
/**
 * Every attribute a delete names that cannot go, in one answer: a line `user.<name>: <reason>`
 * each, each line ended by a newline, as AWS lists the attributes of a user's change it refuses.
 */
export const undeletableAttributes = (problems: readonly (readonly [name: string, reason: UndeletableReason])[]) =>
  invalidParameter(problems.map(([name, why]) => `user.${name}: ${UNDELETABLE[why]?.(name)}\n`).join(''));

export const invalidEmailFormat = () => invalidParameter('Invalid email address format.');
export const invalidPhoneFormat = () => invalidParameter('Invalid phone number format.');
export const duplicateAttribute = (name: string) => invalidParameter(`Duplicate attribute name ${name}.`);
export const adminOnlyAttribute = (name: string) => invalidParameter(`Cannot modify the attribute ${name}: only an administrator may set it.`);
/** Required attributes a NEW_PASSWORD_REQUIRED answer still lacks, `and`-joined. */
export const challengeAttributesMissing = (names: string[]) => invalidParameter(`Invalid attributes given, ${names.join(' and ')} is missing`);

/** An app client writes its WriteAttributes only. */
export const unauthorizedAttributeWrite = () => new CognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute');

export const attributeNotVerifiable = () => invalidParameter('Invalid attribute name. Only phone_number and email can be verified.');
export const noValueForAttribute = (name: string) => invalidParameter(`The user has no value for the attribute ${name}.`);
