import type { Operation } from '../operation.ts';
import adminDeleteUserAttributes from './admin-delete-user-attributes.ts';
import adminUpdateUserAttributes from './admin-update-user-attributes.ts';
import deleteUserAttributes from './delete-user-attributes.ts';
import getUserAttributeVerificationCode from './get-user-attribute-verification-code.ts';
import updateUserAttributes from './update-user-attributes.ts';
import verifyUserAttribute from './verify-user-attribute.ts';

/** Attributes and their verification: the heart of Cognate. */
export const operations: Operation[] = [adminDeleteUserAttributes, adminUpdateUserAttributes, deleteUserAttributes, getUserAttributeVerificationCode, updateUserAttributes, verifyUserAttribute];
