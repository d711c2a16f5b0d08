import type { Operation } from '../operation.ts';
import listTagsForResource from './list-tags-for-resource.ts';
import tagResource from './tag-resource.ts';
import untagResource from './untag-resource.ts';

/** A user pool's tags, named by the pool's ARN. */
export const operations: Operation[] = [tagResource, untagResource, listTagsForResource];
