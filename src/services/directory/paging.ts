import { invalidPaginationToken } from '../../errors/index.ts';
import { BadCursor, type PageRequest } from '../../storage/repositories/paging.ts';

/** Runs a listing, turning a token the listing did not issue into Cognito's error. */
export async function listPage<T>(request: PageRequest, list: (p: PageRequest) => Promise<T>): Promise<T> {
  try {
    return await list(request);
  } catch (e) {
    if (e instanceof BadCursor) throw invalidPaginationToken();
    throw e;
  }
}
