import type { Operation } from '../operation.ts';
import createTerms from './create-terms.ts';
import deleteTerms from './delete-terms.ts';
import describeTerms from './describe-terms.ts';
import listTerms from './list-terms.ts';
import updateTerms from './update-terms.ts';

/** App clients' terms documents (terms of use, privacy policy), linked from the managed login pages. */
export const operations: Operation[] = [createTerms, describeTerms, listTerms, updateTerms, deleteTerms];
