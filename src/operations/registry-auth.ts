import type { Operation } from './types.ts';

/** The operations of this group, added to the registry in index.ts. */
export const operations: Operation[] = [];
