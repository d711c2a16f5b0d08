/** What the MFA end-to-end tests share: a testbed whose clock stands still (TOTP steps), pools with MFA, and codes. */
import {
  AssociateSoftwareTokenCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SetUserPoolMfaConfigCommand, VerifySoftwareTokenCommand,
  type ChallengeNameType, type SetUserPoolMfaConfigCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientRecord } from '../../src/domain/client.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';
import { totpCode } from '../../src/services/mfa/totp.ts';
import { createClient, createPool, createTestUser, startTestbed, type Testbed } from './testbed.ts';

export const PASSWORD = 'Corr3ct-horse!';
export const SMS = { SnsCallerArn: 'arn:aws:iam::000000000000:role/cognito-sns', ExternalId: 'cognate' };
export const DEVELOPER_EMAIL = { EmailSendingAccount: 'DEVELOPER' as const, SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com', From: 'no-reply@example.com' };

export interface MfaRig {
  tb: Testbed;
  now(): number;
  /** Moves the server's clock (it stands still otherwise). */
  advance(ms: number): void;
  pool(mfa: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>, create?: Parameters<typeof createPool>[1]): Promise<{ pool: PoolRecord; client: ClientRecord }>;
  user(pool: PoolRecord, username: string, attributes?: Record<string, string>): Promise<void>;
  signIn(client: ClientRecord, username: string): Promise<any>;
  respond(client: ClientRecord, name: ChallengeNameType, session: string | undefined, responses: Record<string, string>): Promise<any>;
  /** The code an authenticator with `secret` shows `offsetMs` from the server's now. */
  totp(secret: string, offsetMs?: number): string;
  /** The newest code sent to the user. */
  code(pool: PoolRecord, username: string): Promise<{ code: string; channel: string; subject: string | null; body: string; destination: string }>;
  /** A signed-in user's verified authenticator: its secret. */
  enrol(accessToken: string): Promise<string>;
  close(): Promise<void>;
}

export async function startMfaRig(): Promise<MfaRig> {
  const tb = await startTestbed();
  tb.clock.frozenAt = Date.now();
  const now = () => tb.app.deps.clock.now();
  const rig: MfaRig = {
    tb, now,
    advance: (ms) => void (tb.clock.offset += ms),
    async pool(mfa, create = {}) {
      const pool = await createPool(tb, { SmsConfiguration: SMS, EmailConfiguration: DEVELOPER_EMAIL, ...create });
      await tb.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool.id, ...mfa }));
      return { pool: (await tb.app.store.pools.get(pool.id))!, client: await createClient(tb, pool) };
    },
    async user(pool, username, attributes = {}) {
      await createTestUser(tb, pool, { username, password: PASSWORD, attributes });
    },
    signIn: (client, username) => tb.cognito.send(new InitiateAuthCommand({ ClientId: client.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } })),
    respond: (client, ChallengeName, Session, ChallengeResponses) =>
      tb.cognito.send(new RespondToAuthChallengeCommand({ ClientId: client.clientId, ChallengeName, Session, ChallengeResponses })),
    totp: (secret, offsetMs = 0) => totpCode(secret, now() + offsetMs),
    async code(pool, username) {
      const res = await fetch(`${tb.url}/_cognate/messages?userPoolId=${pool.id}&username=${encodeURIComponent(username)}`);
      return ((await res.json()) as { messages: Awaited<ReturnType<MfaRig['code']>>[] }).messages[0];
    },
    async enrol(AccessToken) {
      const { SecretCode } = await tb.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
      await tb.cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: rig.totp(SecretCode!), FriendlyDeviceName: 'phone' }));
      return SecretCode!;
    },
    close: () => tb.close(),
  };
  return rig;
}
