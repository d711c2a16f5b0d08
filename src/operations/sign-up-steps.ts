/** Steps SignUp, ConfirmSignUp and ResendConfirmationCode share. */
import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoError, invalidParameter } from '../errors.ts';
import type { Random } from '../domain/ids.ts';
import { poolRegion, type PoolConfig } from '../domain/pool.ts';
import { VERIFIED_FLAGS } from '../domain/attributes.ts';
import type { Wire } from '../domain/wire.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../storage/types.ts';
import { postConfirmationEvent } from '../triggers/index.ts';
import { sdkVersionOf, sendCode, type CodeOccasion } from './send-code-step.ts';
import type { Deps, RequestContext } from './types.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{1,14}$/;

/** A version 4 UUID from the injected random source (a new user's sub). */
export function newSub(random: Random): string {
  const b = random.bytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The stored username and attributes of a new user, by the pool's username rules: with
 * UsernameAttributes the Username is an email or phone number, which becomes that attribute, and
 * the username is the sub; with AliasAttributes the Username may not look like an alias.
 */
export function signUpIdentity(pool: PoolConfig, given: string, attributes: Record<string, string>, sub: string): { username: string; attributes: Record<string, string> } {
  const kinds = pool.UsernameAttributes ?? [];
  if (kinds.length) {
    const asEmail = kinds.includes('email') && EMAIL.test(given);
    const asPhone = kinds.includes('phone_number') && PHONE.test(given);
    if (!asEmail && !asPhone) {
      throw invalidParameter(kinds.length > 1 ? 'Username should be either an email or a phone number.' : kinds[0] === 'email' ? 'Username should be an email.' : 'Username should be a phone number.');
    }
    // The Username is the value of the attribute it names, whatever UserAttributes says.
    return { username: sub, attributes: { ...attributes, [asEmail ? 'email' : 'phone_number']: given } };
  }
  const aliases = pool.AliasAttributes ?? [];
  if (aliases.includes('email') && EMAIL.test(given)) throw invalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
  if (aliases.includes('phone_number') && PHONE.test(given)) throw invalidParameter('Username cannot be of phone number format, since user pool is configured for phone number alias.');
  return { username: given, attributes };
}

/** An app client with WriteAttributes may set only those. */
export function checkWritable(client: ClientRecord, names: string[]): void {
  const writable = client.config.WriteAttributes;
  if (!writable) return;
  if (names.some((n) => !writable.includes(n))) throw new CognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute');
}

/** Users may sign up without a password only where passwordless sign-in is allowed. */
export function passwordlessAllowed(pool: PoolConfig): boolean {
  const factors = pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
  return factors.includes('EMAIL_OTP') || factors.includes('SMS_OTP');
}

export interface ConfirmationTarget {
  attribute: 'email' | 'phone_number';
  medium: 'email' | 'sms';
  destination: string;
}

/**
 * Where a confirmation code goes: the phone number by SMS when the pool verifies phone numbers
 * and the user has one (Cognito prefers SMS), else the email address; none when the pool
 * verifies neither the user has.
 */
export function confirmationTarget(pool: PoolConfig, attributes: Record<string, string>): ConfirmationTarget | undefined {
  const auto = pool.AutoVerifiedAttributes ?? [];
  if (auto.includes('phone_number') && attributes.phone_number) return { attribute: 'phone_number', medium: 'sms', destination: attributes.phone_number };
  if (auto.includes('email') && attributes.email) return { attribute: 'email', medium: 'email', destination: attributes.email };
  return undefined;
}

/**
 * The settings key recording where the current confirmation code went, so that ConfirmSignUp
 * verifies that attribute, and only if it still has the value the code was sent to. The code
 * itself is keyed with attribute '' so that a resent code always replaces the previous one.
 */
const SENT_TO = 'signUpCodeSentTo';

export interface SentTo {
  attribute: 'email' | 'phone_number';
  value: string;
}

export const sentTo = (u: UserRecord): SentTo | undefined => u.settings[SENT_TO] as SentTo | undefined;

export function withSentTo(settings: Record<string, unknown>, target: ConfirmationTarget | undefined): Record<string, unknown> {
  const { [SENT_TO]: _old, ...rest } = settings;
  return target ? { ...rest, [SENT_TO]: { attribute: target.attribute, value: target.destination } satisfies SentTo } : rest;
}

/** The attribute a right confirmation code verifies, if it still holds the value the code went to. */
export function attributeToVerify(u: UserRecord): string | undefined {
  const s = sentTo(u);
  return s && u.attributes[s.attribute] === s.value ? VERIFIED_FLAGS[s.attribute] : undefined;
}

export const SIGN_UP_CODE = { purpose: 'sign-up', attribute: '' } as const;

export function sendConfirmationCode(
  deps: Pick<Deps, 'delivery' | 'triggers'>,
  ctx: Pick<RequestContext, 'userAgent'>,
  input: { pool: PoolRecord; user: UserRecord; client: ClientRecord; target: ConfirmationTarget; occasion: Extract<CodeOccasion, 'SignUp' | 'ResendCode'>; clientMetadata?: Record<string, string> },
): Promise<Wire<CodeDeliveryDetailsType>> {
  const { pool, user, client, target } = input;
  return sendCode(deps, ctx, {
    pool, user, clientId: client.clientId, ...SIGN_UP_CODE,
    medium: target.medium, destination: target.destination, occasion: input.occasion, clientMetadata: input.clientMetadata,
  });
}

/** ConfirmSignUp and ResendConfirmationCode name the user together with the client. */
export const userNotFoundForClient = () => new CognitoError('UserNotFoundException', 'Username/client id combination not found.');

/** Runs the pool's PostConfirmation function (PostConfirmation_ConfirmSignUp) for a user just confirmed. */
export async function postConfirmation(
  deps: Pick<Deps, 'triggers'>,
  ctx: Pick<RequestContext, 'userAgent'>,
  input: { pool: PoolRecord; client: ClientRecord; user: UserRecord; clientMetadata?: Record<string, string> },
): Promise<void> {
  const arn = input.pool.config.LambdaConfig?.PostConfirmation;
  if (!arn) return;
  const { pool, user } = input;
  await deps.triggers.invoke(
    arn,
    postConfirmationEvent({
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      region: poolRegion(pool.id), userPoolId: pool.id, userName: user.username,
      clientId: input.client.clientId, awsSdkVersion: sdkVersionOf(ctx.userAgent),
      userAttributes: { ...user.attributes, 'cognito:user_status': user.status },
      clientMetadata: input.clientMetadata,
    }),
  );
}
