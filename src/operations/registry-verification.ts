import getUserAttributeVerificationCode from './get-user-attribute-verification-code.ts';
import type { Operation } from './types.ts';
import updateUserAttributes from './update-user-attributes.ts';
import verifyUserAttribute from './verify-user-attribute.ts';

/** Attribute verification: the heart of Cognate. */
export const operations: Operation[] = [getUserAttributeVerificationCode, verifyUserAttribute, updateUserAttributes];
