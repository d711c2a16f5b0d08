import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { usernameAttributeDiffers, usernameLooksLikeEmail, usernameLooksLikePhone, usernameShouldBeEmail, usernameShouldBeEmailOrPhone, usernameShouldBePhone } from '../errors/index.ts';
import type { Random } from '../ground/random.ts';
import { EMAIL_FORMAT, PHONE_FORMAT } from './attributes.ts';
import type { PoolConfig } from './pool.ts';

/** A fresh sub: a version 4 UUID from the injected random source. */
export function newSub(random: Random): string {
  const b = Buffer.from(random.bytes(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The stored username and attributes of a new user (SignUp, AdminCreateUser, a migrated user), by
 * the pool's sign-in rules. With UsernameAttributes the Username is the email or phone number itself:
 * it becomes that attribute and the stored username is the sub. With an email or phone alias, the
 * Username may not look like one (it would be ambiguous at sign-in).
 */
export function newUserIdentity(pool: PoolConfig, username: string, attributes: Record<string, string>, sub: string): { username: string; attributes: Record<string, string> } {
  const usernameAttributes = pool.UsernameAttributes ?? [];
  if (usernameAttributes.length) {
    const kind = usernameAttributes.includes('email') && EMAIL_FORMAT.test(username) ? 'email' : usernameAttributes.includes('phone_number') && PHONE_FORMAT.test(username) ? 'phone_number' : undefined;
    if (!kind) {
      throw usernameAttributes.length > 1 ? usernameShouldBeEmailOrPhone() : usernameAttributes[0] === 'email' ? usernameShouldBeEmail() : usernameShouldBePhone();
    }
    if (attributes[kind] !== undefined && attributes[kind] !== username) {
      throw usernameAttributeDiffers(kind);
    }
    return { username: sub, attributes: { ...attributes, [kind]: username } };
  }
  const aliases = pool.AliasAttributes ?? [];
  if (aliases.includes('email') && EMAIL_FORMAT.test(username)) throw usernameLooksLikeEmail();
  if (aliases.includes('phone_number') && PHONE_FORMAT.test(username)) {
    throw usernameLooksLikePhone();
  }
  return { username, attributes };
}

/**
 * The stored name of an attribute a request names: a developer-only attribute is kept as
 * `dev:custom:x`, whether the request says `dev:custom:x` or `custom:x`.
 */
export function storedName(pool: PoolConfig, name: string): string {
  const schema = pool.SchemaAttributes ?? [];
  if (schema.some((a) => a.Name === name)) return name;
  return schema.some((a) => a.Name === `dev:${name}`) ? `dev:${name}` : name;
}

export const storedNames = (pool: PoolConfig, attributes: AttributeType[] = []): AttributeType[] =>
  attributes.map((a) => ({ Name: storedName(pool, a.Name!), Value: a.Value ?? '' }));
