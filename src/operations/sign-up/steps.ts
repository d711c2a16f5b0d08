/** Steps SignUp, ConfirmSignUp and ResendConfirmationCode share. */
import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { VERIFIED_FLAGS } from '../../domain/attributes.ts';
import type { ClientRecord } from '../../domain/client.ts';
import type { PoolConfig, PoolRecord } from '../../domain/pool.ts';
import { allowsOneTimeCodes } from '../../domain/sign-in-policy.ts';
import type { UserRecord } from '../../domain/user.ts';
import type { Wire } from '../../domain/wire.ts';
import type { CodeOccasion } from '../../services/delivery/delivery.ts';
import type { Deps } from '../../services/deps.ts';
import type { RequestContext } from '../../services/request-context.ts';
import { eventCaller } from '../../services/triggers/caller.ts';
import { postConfirmationEvent } from '../../services/triggers/index.ts';

/** Users may sign up without a password only where passwordless sign-in is allowed. */
export const passwordlessAllowed = (pool: PoolConfig): boolean => allowsOneTimeCodes(pool);

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
  deps: Pick<Deps, 'delivery'>,
  ctx: Pick<RequestContext, 'userAgent'>,
  input: {
    pool: PoolRecord; user: UserRecord; client: ClientRecord; target: ConfirmationTarget; occasion: Extract<CodeOccasion, 'SignUp' | 'ResendCode'>;
    clientMetadata?: Record<string, string>; answerBeforeDelivery?: boolean;
  },
): Promise<Wire<CodeDeliveryDetailsType>> {
  const { pool, user, client, target } = input;
  return deps.delivery.sendCode({
    pool, user, clientId: client.clientId, ...SIGN_UP_CODE,
    medium: target.medium, destination: target.destination, occasion: input.occasion, clientMetadata: input.clientMetadata,
    answerBeforeDelivery: input.answerBeforeDelivery,
  }, ctx);
}

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
      ...eventCaller(pool, user.username, input.client.clientId, ctx.userAgent),
      userAttributes: { ...user.attributes, 'cognito:user_status': user.status },
      clientMetadata: input.clientMetadata,
    }),
  );
}
