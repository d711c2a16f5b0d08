import type { Operation } from '../operation.ts';
import createResourceServer from './create-resource-server.ts';
import deleteResourceServer from './delete-resource-server.ts';
import describeResourceServer from './describe-resource-server.ts';
import listResourceServers from './list-resource-servers.ts';
import updateResourceServer from './update-resource-server.ts';

/** Resource servers: the APIs a pool's access tokens are for, and their custom scopes. */
export const operations: Operation[] = [createResourceServer, deleteResourceServer, describeResourceServer, listResourceServers, updateResourceServer];
