/**
 * Codes in the outbox at rest, in production (issue 18, finding 12): a message delivered keeps no
 * body and no code in its row, only what an operator needs; one still waiting to be delivered
 * (the mail server down) is kept sealed under the master key, then purged once delivered. A real
 * server, started as a process in production mode, sends through a real SMTP peer.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfirmSignUpCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, ResendConfirmationCodeCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { masterKeyId } from '../../src/services/sealing/sealer.ts';
import { dropAtExit, dropSchemas, postgresArgs, postgresMode, postgresUnavailable, schemaName } from '../support/postgres.ts';
import { rawRows, type RawStore } from '../support/raw-store.ts';
import { freePort, startSmtpPeer, type SmtpPeer } from '../support/smtp-peer.ts';
import { sdkClient, startServer, type Server } from './harness.ts';

const credentials = { accessKeyId: 'AKIDATREST0000000001', secretAccessKey: 'at-rest-secret' };
const codeIn = (mail: string) => /verification code is (\d{6})/.exec(mail)?.[1];

const until = async <T>(what: string, get: () => Promise<T | undefined>, ms = 10_000): Promise<T> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const v = await get();
    if (v !== undefined) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
};

const stores: { name: string; skip?: string }[] = [
  { name: 'SQLite', skip: postgresMode() ? 'every server runs on PostgreSQL (COGNATE_TEST_STORE=postgres): see the PostgreSQL suite' : undefined },
  { name: 'PostgreSQL', skip: await postgresUnavailable() },
];

for (const { name, skip } of stores) {
  describe(`the outbox at rest in production on ${name}`, { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-outbox-at-rest-'));
    const db = join(dir, 'cognate.db');
    const schema = name === 'PostgreSQL' ? schemaName('outbox') : undefined;
    if (schema) dropAtExit(schema);
    const raw: RawStore = schema ? { kind: 'postgres', schema } : { kind: 'sqlite', file: db };
    const masterKey = randomBytes(32).toString('base64');
    let server: Server;
    let smtp: SmtpPeer | undefined;
    let port: number;
    let clientId: string;
    const cognito = () => sdkClient(server.url, credentials);
    const rows = async (username: string) => rawRows(raw, 'SELECT * FROM messages WHERE username = ? ORDER BY seq DESC', [username]);

    before(async () => {
      port = await freePort();
      smtp = await startSmtpPeer({}, port);
      const config = join(dir, 'cognate.json');
      writeFileSync(config, JSON.stringify({
        mode: 'production',
        credentials: [credentials],
        delivery: { channels: { mail: { type: 'smtp', url: `smtp://127.0.0.1:${port}`, timeoutMs: 2000 } }, defaultEmail: { channel: 'mail' }, waitMs: 1000, retryBaseMs: 50, pollMs: 50 },
      }));
      server = await startServer({ db, args: ['--config', config, '--master-key', masterKey, ...(schema ? postgresArgs(schema) : [])] });
      const poolId = (await cognito().send(new CreateUserPoolCommand({ PoolName: 'outbox', AutoVerifiedAttributes: ['email'] }))).UserPool!.Id!;
      clientId = (await cognito().send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app' }))).UserPoolClient!.ClientId!;
    });
    after(async () => {
      await server?.stop();
      await smtp?.close();
      rmSync(dir, { recursive: true, force: true });
      if (schema) await dropSchemas([schema]);
    });

    it('keeps neither the code nor the body of a delivered message, only what an operator needs', async () => {
      await cognito().send(new SignUpCommand({ ClientId: clientId, Username: 'alice', Password: 'Corr3ct-horse', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }] }));
      const code = codeIn(smtp!.received.at(-1)!)!;
      assert.match(code, /^\d{6}$/, 'the mail carried the code');
      const row = await until('the message to be final', async () => (await rows('alice')).find((r) => r.status === 'sent'));
      assert.ok(!JSON.stringify(row).includes(code), `no code anywhere in the row: ${JSON.stringify(row)}`);
      assert.deepEqual([row.body, row.code, row.destination, row.subject], ['', null, 'a***@e***', 'Your verification code']);
      assert.deepEqual([row.medium, row.channel, typeof row.id, row.code_purpose, row.attempts], ['email', 'mail', 'string', 'sign-up', 1]);
      assert.ok(Number(row.sent_at) >= Number(row.created_at));
      await cognito().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'alice', ConfirmationCode: code }));
    });

    it('keeps a message waiting for the mail server sealed under the master key, and purges it once delivered', async () => {
      await cognito().send(new SignUpCommand({ ClientId: clientId, Username: 'bob', Password: 'Corr3ct-horse', UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] }));
      await smtp!.close();
      smtp = undefined;
      await cognito().send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'bob' }));
      const waiting = await until('a retry to be queued', async () => (await rows('bob')).find((r) => r.status === 'queued'));
      const sealed = new RegExp(`^v2\\.${masterKeyId(Buffer.from(masterKey, 'base64'))}\\.`);
      for (const column of ['body', 'subject', 'code'] as const) assert.match(String(waiting[column]), sealed, `${column} sealed`);
      assert.equal(waiting.destination, 'bob@example.com', 'the destination stays readable until the message is sent');

      smtp = await startSmtpPeer({}, port);
      const mail = await until('the retry to be delivered', async () => smtp!.received.find((m) => m.includes('bob@example.com')));
      const code = codeIn(mail)!;
      assert.ok(!JSON.stringify(waiting).includes(code), 'the code was not in the waiting row');
      const sent = await until('the message to be final', async () => (await rows('bob')).find((r) => r.id === waiting.id && r.status === 'sent'));
      assert.ok(!JSON.stringify(sent).includes(code));
      assert.deepEqual([sent.body, sent.code, sent.destination, sent.subject], ['', null, 'b***@e***', 'Your verification code']);
      assert.ok(Number(sent.attempts) >= 2);
      await cognito().send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'bob', ConfirmationCode: code }));
    });
  });
}
