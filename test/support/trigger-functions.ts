/** Helpers for the trigger tests: function files in a temporary folder, a log that keeps lines. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { customMessageEvent, preSignUpEvent, type CustomMessageEvent, type PreSignUpEvent } from '../../src/services/triggers/events/index.ts';

export const arn = (name: string, qualifier?: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}${qualifier ? `:${qualifier}` : ''}`;

/** A temporary folder (an ESM package) holding the given files; remove() deletes it. */
export function functionDir(files: Record<string, string>): { dir: string; write(name: string, text: string): void; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-fn-'));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  write('package.json', '{"type": "module"}');
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Line {
  level: 'info' | 'warn' | 'error';
  o: object;
  m?: string;
}
export function memoryLog(): { lines: Line[]; info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void } {
  const lines: Line[] = [];
  return {
    lines,
    info: (o, m) => void lines.push({ level: 'info', o, ...(m ? { m } : {}) }),
    warn: (o, m) => void lines.push({ level: 'warn', o, ...(m ? { m } : {}) }),
    error: (o, m) => void lines.push({ level: 'error', o, ...(m ? { m } : {}) }),
  };
}

export const POOL = 'us-east-1_AbCdEfGhI';

export function verifyAttributeEvent(clientMetadata?: Record<string, string>): CustomMessageEvent {
  return customMessageEvent({
    triggerSource: 'CustomMessage_VerifyUserAttribute',
    region: 'us-east-1',
    userPoolId: POOL,
    userName: 'alice',
    clientId: '1example23456789example2345',
    userAttributes: { sub: 'a1b2', email: 'alice@example.com', email_verified: 'false' },
    ...(clientMetadata ? { clientMetadata } : {}),
  });
}

export function signUpEvent(): PreSignUpEvent {
  return preSignUpEvent({
    triggerSource: 'PreSignUp_SignUp',
    region: 'us-east-1',
    userPoolId: POOL,
    userName: 'bob',
    clientId: '1example23456789example2345',
    userAttributes: { email: 'bob@example.com' },
  });
}

/** Rejects unless `p` rejects with a CognitoError of this type (and message, when given). */
export async function rejectsWith(p: Promise<unknown>, type: string, message?: string | RegExp): Promise<Error & { type: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { type: string };
    if (err.type !== type) throw new Error(`expected ${type}, got ${err.type}: ${err.message}`, { cause: e });
    if (typeof message === 'string' && err.message !== message) throw new Error(`expected message ${JSON.stringify(message)}, got ${JSON.stringify(err.message)}`, { cause: e });
    if (message instanceof RegExp && !message.test(err.message)) throw new Error(`expected message matching ${message}, got ${JSON.stringify(err.message)}`, { cause: e });
    return err;
  }
  throw new Error(`expected ${type}, but it resolved`);
}
