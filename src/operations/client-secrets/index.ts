import type { Operation } from '../operation.ts';
import addUserPoolClientSecret from './add-user-pool-client-secret.ts';
import deleteUserPoolClientSecret from './delete-user-pool-client-secret.ts';
import listUserPoolClientSecrets from './list-user-pool-client-secrets.ts';

/** An app client's secrets, two at most, for rotating one without downtime. */
export const operations: Operation[] = [addUserPoolClientSecret, listUserPoolClientSecrets, deleteUserPoolClientSecret];
