import type { AdminUpdateUserAttributesRequest } from '@aws-sdk/client-cognito-identity-provider';
import { checkAttributes, isTrue, toAttributeMap, VERIFIED_FLAGS } from '../../domain/attributes.ts';
import { storedNames } from '../../domain/new-user.ts';
import type { PoolConfig } from '../../domain/pool.ts';
import type { UserRecord } from '../../domain/user.ts';
import { requireUser, updateUser } from '../../services/directory/users.ts';
import { poolOperation } from '../operation.ts';

/** A verification code owed after the write: to the new value of `attribute`, kept pending or applied. */
interface CodeOwed {
  attribute: 'email' | 'phone_number';
  destination: string;
  pending: boolean;
}

const FLAG_OF: Record<string, 'email' | 'phone_number'> = { email_verified: 'email', phone_number_verified: 'phone_number' };

/**
 * The user after an administrator's write, and the codes it owes. For email and phone_number:
 * - the same value as now changes nothing (and drops a pending update);
 * - with the attribute in AttributesRequireVerificationBeforeUpdate and a verified current value,
 *   the new value waits in `pending` and a code goes to it, unless the request also sets the flag
 *   to "true" (AWS: that skips the verification);
 * - otherwise the value changes at once and its flag becomes "false" unless the request sets it; a
 *   code goes to the new value when the attribute is auto-verified and the flag was not set.
 * A flag set to "true" alone verifies a pending value (AWS names this as a way to verify it).
 */
export function adminAttributeUpdate(pool: PoolConfig, current: UserRecord, given: Record<string, string>): { user: UserRecord; codes: CodeOwed[] } {
  const attributes = { ...current.attributes };
  const pending = { ...current.pending };
  const codes: CodeOwed[] = [];
  const requireFirst = pool.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  const autoVerified = pool.AutoVerifiedAttributes ?? [];

  for (const [name, value] of Object.entries(given)) {
    if (FLAG_OF[name]) continue;
    const flag = VERIFIED_FLAGS[name];
    if (!flag) {
      attributes[name] = value;
      continue;
    }
    const attribute = name as 'email' | 'phone_number';
    delete pending[attribute];
    if (value === attributes[attribute]) continue;
    if (value === '') {
      delete attributes[attribute];
      delete attributes[flag];
      continue;
    }
    const flagGiven = given[flag] !== undefined;
    if (requireFirst.includes(attribute) && attributes[attribute] && isTrue(attributes[flag]) && !isTrue(given[flag])) {
      pending[attribute] = value;
      codes.push({ attribute, destination: value, pending: true });
      continue;
    }
    attributes[attribute] = value;
    if (!flagGiven) {
      attributes[flag] = 'false';
      if (autoVerified.includes(attribute)) codes.push({ attribute, destination: value, pending: false });
    }
  }

  for (const [flag, attribute] of Object.entries(FLAG_OF)) {
    const value = given[flag];
    if (value === undefined) continue;
    if (isTrue(value) && given[attribute] === undefined && pending[attribute] !== undefined) {
      attributes[attribute] = pending[attribute];
      delete pending[attribute];
    }
    attributes[flag] = value;
  }
  return { user: { ...current, attributes, pending }, codes };
}

export default poolOperation<AdminUpdateUserAttributesRequest, object, 'store' | 'clock' | 'delivery'>('AdminUpdateUserAttributes', async (deps, input, ctx) => {
  const { pool } = ctx;
  const user = await requireUser(deps.store, pool, input.Username!);
  const list = storedNames(pool.config, input.UserAttributes);
  checkAttributes(pool.config, list, 'admin-update', user.attributes);
  const given = toAttributeMap(list);
  let codes: CodeOwed[] = [];
  const updated = await updateUser(deps.store, pool, user.sub, (current) => {
    checkAttributes(pool.config, list, 'admin-update', current.attributes);
    const next = adminAttributeUpdate(pool.config, current, given);
    codes = next.codes;
    return next.user;
  }, deps.clock.now());

  for (const code of codes) {
    await deps.delivery.sendCode({
      pool, user: updated, clientId: null, purpose: 'attribute-verification', attribute: code.attribute,
      medium: code.attribute === 'email' ? 'email' : 'sms', destination: code.destination, occasion: 'UpdateUserAttribute',
      clientMetadata: input.ClientMetadata,
      // The functions see the value being verified, as the user will have it.
      ...(code.pending ? { userAttributes: { ...updated.attributes, [code.attribute]: code.destination, [VERIFIED_FLAGS[code.attribute]]: 'false' } } : {}),
    }, ctx);
  }
  return {};
});
