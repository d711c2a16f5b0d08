/**
 * The SDK's types describe Cognito's shapes exactly, but with `Date` where the wire has epoch
 * seconds. `Wire<T>` is the same shape as it travels in awsJson1.1.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** Epoch milliseconds (how the store keeps time) to awsJson's epoch seconds. */
export const epochSeconds = (ms: number): number => ms / 1000;

/** Drops members whose value is undefined, so an output carries only what is set. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
