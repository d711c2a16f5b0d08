/**
 * A user pool's tags: AWS's rules for them, and the pool named by its ARN.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/tagging.html (50 tags per resource;
 * keys of 1-128 characters, values of 0-256, which the API model checks; letters, digits, spaces
 * and `_ . : / = + - @`; the `aws:` prefix, in any case, is AWS's own).
 */
import { invalidTagCharacters, notUserPoolArn, reservedTagKey, tooManyTags } from '../errors/index.ts';

export type Tags = Record<string, string>;

export const MAX_TAGS = 50;
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const POOL_ARN = /^arn:[^:]+:cognito-idp:([^:]*):([0-9]+):userpool\/([\w-]+_[0-9a-zA-Z]+)$/;

/** Refuses a set of tags a pool may not hold. */
export function checkTags(tags: Tags | undefined): void {
  const keys = Object.keys(tags ?? {});
  if (keys.length > MAX_TAGS) throw tooManyTags(MAX_TAGS);
  for (const key of keys) {
    if (key.toLowerCase().startsWith('aws:')) throw reservedTagKey(key);
    if (!ALLOWED.test(key) || !ALLOWED.test(tags![key])) throw invalidTagCharacters(key);
  }
}

/**
 * The tags once `added` are set on `current` (a key given again takes its new value). Built on a
 * null-prototype object: a key such as `__proto__` is a tag like any other.
 */
export function withTags(current: Tags | undefined, added: Tags): Tags {
  const next: Tags = Object.assign(Object.create(null) as Tags, current, added);
  checkTags(next);
  return { ...next };
}

/** The tags once `keys` are removed; a key the pool does not hold is no error. */
export function withoutTags(current: Tags | undefined, keys: readonly string[]): Tags {
  const drop = new Set(keys);
  return Object.fromEntries(Object.entries(current ?? {}).filter(([k]) => !drop.has(k)));
}

/** The parts of a user pool's ARN; an ARN of anything else is refused. */
export function parsePoolArn(arn: string): { region: string; accountId: string; poolId: string } {
  const m = POOL_ARN.exec(arn);
  if (!m) throw notUserPoolArn(arn);
  return { region: m[1], accountId: m[2], poolId: m[3] };
}
