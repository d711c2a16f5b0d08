/**
 * One CSV row of a user import: the rules the developer guide ("Formatting the CSV file") sets, and
 * the user a good row becomes. A bad row is counted and logged, never thrown: the job goes on.
 */
import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { isCognitoError } from '../errors/index.ts';
import { checkAttributes, checkRequired, isTrue, VERIFIED_FLAGS } from './attributes.ts';
import { csvHeader } from './import-job.ts';
import { newUserIdentity, storedNames } from './new-user.ts';
import type { PoolConfig } from './pool.ts';
import type { UserRecord } from './user.ts';

export type RowOutcome = { kind: 'user'; user: UserRecord } | { kind: 'failed'; reason: string };

const USERNAME = 'cognito:username';
const MFA = 'cognito:mfa_enabled';
/** The model's UsernameType: 1 to 128 letters, marks, symbols, numbers and punctuation. */
const USERNAME_FORMAT = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

/** AWS's log wording for a row without a verified auto-verified attribute (the guide's CloudWatch page). */
export const NOT_AUTO_VERIFIED = 'The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).';

/**
 * Why a header cannot be imported into the pool, or undefined: every column of GetCSVHeader present
 * (in any order), none other, none twice.
 */
export function headerProblem(pool: PoolConfig, header: string[]): string | undefined {
  const expected = new Set(csvHeader(pool));
  const seen = new Set<string>();
  for (const column of header) {
    if (!expected.has(column)) return `The column ${column} is not in the user pool's CSV header.`;
    if (seen.has(column)) return `The column ${column} appears twice.`;
    seen.add(column);
  }
  const missing = [...expected].filter((c) => !seen.has(c));
  return missing.length ? `The CSV header lacks the columns ${missing.join(', ')}.` : undefined;
}

/** Why the pool cannot take an import at all: the guide says a job does not start without an auto-verified attribute. */
export const poolCannotImport = (pool: PoolConfig): boolean => (pool.AutoVerifiedAttributes ?? []).length === 0;

/** The new user a row describes (status RESET_REQUIRED, no password), or why it cannot be one. `header` has passed headerProblem. */
export function userFromRow(pool: PoolConfig, poolId: string, header: string[], values: string[], sub: string, now: number): RowOutcome {
  const failed = (reason: string): RowOutcome => ({ kind: 'failed', reason });
  if (values.length !== header.length) return failed(`The row has ${values.length} values; the header has ${header.length} columns.`);
  const row = new Map(header.map((column, i) => [column, values[i]]));
  const username = row.get(USERNAME)!;
  if (!username) return failed('The cognito:username value is missing.');
  if (!USERNAME_FORMAT.test(username)) return failed('The cognito:username value is not a valid username.');
  const mfa = row.get(MFA)!;
  if (mfa !== '' && !/^(true|false)$/i.test(mfa)) return failed('The cognito:mfa_enabled value must be true or false.');

  // An empty cell sets nothing: "you don't need to provide values in every column".
  const given: AttributeType[] = storedNames(pool, header.filter((c) => c !== USERNAME && c !== MFA && row.get(c) !== '').map((c) => ({ Name: c, Value: row.get(c)! })));
  const attributes: Record<string, string> = Object.fromEntries(given.map((a) => [a.Name!, a.Value!]));
  try {
    checkAttributes(pool, given, 'admin-create');
    for (const [attribute, flag] of Object.entries(VERIFIED_FLAGS)) {
      if (isTrue(attributes[flag]) && !attributes[attribute]) return failed(`${flag} is true but ${attribute} is missing.`);
    }
    if (!(pool.AutoVerifiedAttributes ?? []).some((a) => isTrue(attributes[VERIFIED_FLAGS[a]]))) return failed(NOT_AUTO_VERIFIED);
    const identity = newUserIdentity(pool, username, attributes, sub);
    checkRequired(pool, identity.attributes);
    if (isTrue(mfa) && !identity.attributes.phone_number) return failed('cognito:mfa_enabled is true but phone_number is missing.');
    return {
      kind: 'user',
      user: {
        poolId, sub, username: identity.username, status: 'RESET_REQUIRED', enabled: true,
        attributes: { sub, ...identity.attributes }, pending: {}, password: null,
        // The CSV's MFA flag is the legacy SMS MFA, as SetUserSettings' SMS option.
        settings: isTrue(mfa) ? { UserMFASettingList: ['SMS_MFA'], PreferredMfaSetting: 'SMS_MFA' } : {},
        createdAt: now, lastModifiedAt: now, version: 1,
      },
    };
  } catch (e) {
    if (isCognitoError(e)) return failed(e.message);
    throw e;
  }
}
