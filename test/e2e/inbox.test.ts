/**
 * The inbox developers and their tests read codes from: GET /_cognate/messages and the
 * `cognate messages` / `cognate code` commands, against a running server. Messages are sent
 * through the delivery service the operations use.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/app/config/load.ts';
import type { PoolRecord } from '../../src/domain/pool.ts';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;
/** Runs the CLI without blocking this process, which also runs the server the CLI talks to. */
const cli = (...args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });

async function start(mode: 'development' | 'production', dir: string): Promise<{ app: App; url: string; pool: PoolRecord }> {
  const config = loadConfig(['--db', join(dir, `${mode}.db`), '--port', '0', '--log-level', 'silent', '--mode', mode], {});
  const app = await createApp(config);
  const url = await app.listen();
  const pool: PoolRecord = { id: 'us-east-1_INBOX0001', name: 'inbox', createdAt: 0, lastModifiedAt: 0, config: {} };
  await app.store.pools.create(pool);
  return { app, url, pool };
}

describe('the development inbox', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-inbox-'));
  let app: App;
  let url: string;
  let pool: PoolRecord;
  before(async () => {
    ({ app, url, pool } = await start('development', dir));
    const send = app.outbox.sendCode;
    const base = { pool, purpose: 'attribute-verification' as const, subject: 'Code', body: 'Your code is {####}' };
    await send({ ...base, userId: 's-1', username: 'alice', attribute: 'email', medium: 'email', destination: 'alice@example.com' });
    await send({ ...base, userId: 's-2', username: 'bob', attribute: 'phone_number', medium: 'sms', destination: '+15555550100' });
    await send({ ...base, userId: 's-1', username: 'alice', attribute: 'phone_number', medium: 'sms', destination: '+15555550199' });
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const inbox = async (query = '') => {
    const res = await fetch(`${url}/_cognate/messages${query}`);
    return { status: res.status, body: (await res.json()) as { messages: { username: string; channel: string; code: string; destination: string; body: string; attribute: string }[]; error?: string } };
  };

  it('lists messages newest first, each with its code', async () => {
    const { body } = await inbox();
    assert.deepEqual(body.messages.map((m) => [m.username, m.channel]), [['alice', 'sms'], ['bob', 'sms'], ['alice', 'email']]);
    for (const m of body.messages) {
      assert.match(m.code, /^\d{6}$/);
      assert.equal(m.body, `Your code is ${m.code}`);
    }
  });

  it('filters by pool, user, destination, channel and time', async () => {
    assert.equal((await inbox(`?userPoolId=${pool.id}&username=alice`)).body.messages.length, 2);
    assert.deepEqual((await inbox('?channel=email')).body.messages.map((m) => m.destination), ['alice@example.com']);
    assert.deepEqual((await inbox('?destination=%2B15555550100')).body.messages.map((m) => m.username), ['bob']);
    assert.equal((await inbox(`?since=${new Date(Date.now() + 60_000).toISOString()}`)).body.messages.length, 0);
    assert.equal((await inbox('?userPoolId=us-east-1_other0000')).body.messages.length, 0);
    const bad = await inbox('?channel=pigeon');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error!, /channel must be email or sms/);
  });

  it('prints the latest code with `cognate code`, and exits 1 when there is none', async () => {
    const latest = (await inbox('?username=alice')).body.messages[0];
    const r = await cli('code', '--pool', pool.id, '--user', 'alice', '--endpoint', url);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${latest.code}\n`);
    const email = (await inbox('?username=alice&channel=email')).body.messages[0];
    assert.equal((await cli('code', '--pool', pool.id, '--user', 'alice', '--attribute', 'email', '--endpoint', url)).stdout, `${email.code}\n`);
    const none = await cli('code', '--pool', pool.id, '--user', 'nobody', '--endpoint', url);
    assert.equal(none.status, 1);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /no code was sent to nobody/);
  });

  it('lists messages with `cognate messages`', async () => {
    const r = await cli('messages', '--user', 'bob', '--endpoint', url);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /sms +\+15555550100 +sent +code=\d{6}/);
    const json = JSON.parse((await cli('messages', '--json', '--endpoint', url)).stdout);
    assert.equal(json.length, 3);
  });

  it('says clearly when no server answers, or the flags are wrong', async () => {
    const down = await cli('code', '--pool', pool.id, '--user', 'alice', '--endpoint', 'http://127.0.0.1:9');
    assert.equal(down.status, 2);
    assert.match(down.stderr, /cannot reach Cognate at http:\/\/127\.0\.0\.1:9/);
    assert.equal((await cli('code', '--user', 'alice')).status, 2);
    assert.equal((await cli('messages', '--colour', 'red')).status, 2);
  });

  it('exports delivery metrics for Prometheus', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    assert.match(text, /cognate_messages_sent_total\{medium="email",channel="capture"\} 1/);
    assert.match(text, /cognate_messages_sent_total\{medium="sms",channel="capture"\} 2/);
    assert.match(text, /cognate_message_queue_depth\{status="queued"\} 0/);
  });
});

describe('production mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-inbox-prod-'));
  let app: App;
  let url: string;
  before(async () => {
    ({ app, url } = await start('production', dir));
  });
  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves no inbox', async () => {
    assert.equal((await fetch(`${url}/_cognate/messages`)).status, 404);
    const r = await cli('messages', '--endpoint', url);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /serves no inbox/);
  });

  it('refuses a fixed code', async () => {
    const r = await cli('serve', '--mode', 'production', '--fixed-code', '123456', '--db', ':memory:');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /fixed code .* is refused in production mode/);
  });
});
