export * from './common.ts';
export * from './sign-up.ts';
export * from './auth.ts';
export * from './messages.ts';

import type { CreateAuthChallengeEvent, DefineAuthChallengeEvent, PostAuthenticationEvent, PreAuthenticationEvent, PreTokenGenerationEvent, VerifyAuthChallengeResponseEvent } from './auth.ts';
import type { CustomMessageEvent, CustomSenderEvent } from './messages.ts';
import type { PostConfirmationEvent, PreSignUpEvent, UserMigrationEvent } from './sign-up.ts';

/** Every event Cognate sends to a function. */
export type TriggerEvent =
  | PreSignUpEvent
  | PostConfirmationEvent
  | UserMigrationEvent
  | PreAuthenticationEvent
  | PostAuthenticationEvent
  | PreTokenGenerationEvent
  | DefineAuthChallengeEvent
  | CreateAuthChallengeEvent
  | VerifyAuthChallengeResponseEvent
  | CustomMessageEvent
  | CustomSenderEvent;
