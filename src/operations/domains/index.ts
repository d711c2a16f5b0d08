import type { Operation } from '../operation.ts';
import createUserPoolDomain from './create-user-pool-domain.ts';
import deleteUserPoolDomain from './delete-user-pool-domain.ts';
import describeUserPoolDomain from './describe-user-pool-domain.ts';
import updateUserPoolDomain from './update-user-pool-domain.ts';

/** User pool domains: the hosts a pool's OAuth endpoints and managed login answer on. */
export const operations: Operation[] = [createUserPoolDomain, deleteUserPoolDomain, describeUserPoolDomain, updateUserPoolDomain];
