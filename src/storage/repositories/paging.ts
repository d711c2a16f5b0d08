/** One page of a listing. */
export interface Page<T> {
  items: T[];
  /** Opaque position after the last item; absent on the last page. */
  next?: string;
}

/** Which page of a listing to read. */
export interface PageRequest {
  limit: number;
  /** A `next` from an earlier page of the same listing. */
  after?: string;
}

/** A `next` token that this listing did not issue. */
export class BadCursor extends Error {}
