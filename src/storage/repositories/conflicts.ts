/** A username or alias another user holds. */
export class UserKeyConflict extends Error {
  readonly kind: string;
  constructor(kind: string) {
    super(`${kind} is taken`);
    this.kind = kind;
  }
}

/** A unique key was taken (an id collision); callers retry with a fresh id. */
export class StoreConflict extends Error {}
