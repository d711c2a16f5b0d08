import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { failure, freePort } from '../../../../test/support/channels.ts';
import { startSmtpPeer as startServer } from '../../../../test/support/smtp-peer.ts';
import { createSmtpChannel, htmlToText } from './smtp.ts';
import type { Channel, OutgoingMessage } from './types.ts';

const MESSAGE: OutgoingMessage = {
  id: 'msg-0001',
  medium: 'email',
  destination: 'alice@example.com',
  subject: 'Your verification code',
  body: '<p>Hello alice,</p><p>Your verification code is <b>123456</b>.<br>It expires soon &amp; once.</p>',
  from: 'Cognate <no-reply@example.com>',
  replyTo: 'help@example.com',
  userPoolId: 'us-east-1_abc',
  username: 'alice',
};

const SHORT = 2_000;

function replyError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

const channels: Channel[] = [];
function channel(port: number, extra: { from?: string; timeoutMs?: number } = {}): Channel {
  const c = createSmtpChannel('smtp-test', { url: `smtp://127.0.0.1:${port}`, timeoutMs: SHORT, ...extra });
  channels.push(c);
  return c;
}
after(async () => {
  await Promise.all(channels.map((c) => c.close()));
});


describe('smtp channel', () => {
  it('delivers subject, HTML and text parts, From, Reply-To and Message-ID', async () => {
    const server = await startServer();
    try {
      const result = await channel(server.port).send(MESSAGE, new AbortController().signal);
      assert.match(result.providerId ?? '', /^250/);
      assert.equal(server.received.length, 1);
      const raw = server.received[0];
      assert.match(raw, /^Subject: Your verification code\r?$/m);
      assert.match(raw, /^From: Cognate <no-reply@example\.com>\r?$/m);
      assert.match(raw, /^To: alice@example\.com\r?$/m);
      assert.match(raw, /^Reply-To: help@example\.com\r?$/m);
      assert.match(raw, /^Message-ID: <msg-0001@cognate>\r?$/mi);
      assert.match(raw, /^X-Cognate-Message-Id: msg-0001\r?$/mi);
      assert.match(raw, /^Content-Type: multipart\/alternative/m);
      const text = raw.split(/^Content-Type: text\/plain.*$/m)[1]?.split(/^--/m)[0] ?? '';
      // The HTML part is quoted-printable: undo its soft line breaks.
      const html = (raw.split(/^Content-Type: text\/html.*$/m)[1]?.split(/^--/m)[0] ?? '').replace(/=\r?\n/g, '');
      assert.match(text, /Your verification code is 123456\./);
      assert.match(text, /It expires soon & once\./);
      assert.doesNotMatch(text, /<b>/);
      assert.match(html, /<b>123456<\/b>\.<br>It expires soon &amp; once\./);
    } finally {
      await server.close();
    }
  });

  it('uses the channel default sender, and refuses a message with no sender at all', async () => {
    const server = await startServer();
    try {
      const { from: _from, ...noFrom } = MESSAGE;
      await channel(server.port, { from: 'defaults@example.com' }).send(noFrom, new AbortController().signal);
      assert.match(server.received[0], /^From: defaults@example\.com\r?$/m);
      const err = await failure(channel(server.port).send(noFrom, new AbortController().signal));
      assert.equal(err.permanent, true);
      assert.match(err.message, /no sender/);
    } finally {
      await server.close();
    }
  });

  it('a recipient refused with 550 is a permanent failure carrying the reply text', async () => {
    const server = await startServer({
      onRcptTo(_address, _session, callback) {
        callback(replyError(550, 'No such user here'));
      },
    });
    try {
      const err = await failure(channel(server.port).send(MESSAGE, new AbortController().signal));
      assert.equal(err.permanent, true);
      assert.match(err.message, /550/);
      assert.match(err.message, /No such user here/);
      assert.doesNotMatch(err.message, /123456/);
    } finally {
      await server.close();
    }
  });

  it('a 451 answer is transient', async () => {
    const server = await startServer({
      onMailFrom(_address, _session, callback) {
        callback(replyError(451, 'Try again later'));
      },
    });
    try {
      const err = await failure(channel(server.port).send(MESSAGE, new AbortController().signal));
      assert.equal(err.permanent, false);
      assert.match(err.message, /451 Try again later/);
    } finally {
      await server.close();
    }
  });

  it('a port with nothing listening is transient', async () => {
    const port = await freePort();
    const err = await failure(channel(port).send(MESSAGE, new AbortController().signal));
    assert.equal(err.permanent, false);
  });

  it('a server that is down and comes back: first transient, then delivered', async () => {
    const port = await freePort();
    const c = channel(port);
    const err = await failure(c.send(MESSAGE, new AbortController().signal));
    assert.equal(err.permanent, false);
    const server = await startServer({}, port);
    try {
      const result = await c.send(MESSAGE, new AbortController().signal);
      assert.match(result.providerId ?? '', /^250/);
      assert.equal(server.received.length, 1);
    } finally {
      await server.close();
    }
  });

  it('an abort rejects promptly with a transient error', async () => {
    const server = await startServer({
      onData(stream) {
        stream.resume(); // never answers
      },
    });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const err = await failure(channel(server.port).send(MESSAGE, controller.signal));
      assert.equal(err.permanent, false);
      assert.match(err.message, /abort/i);
    } finally {
      await server.close();
    }
  });

  it('a server that never answers times out, transient', async () => {
    const server = await startServer({
      onData(stream) {
        stream.resume();
      },
    });
    try {
      const err = await failure(channel(server.port, { timeoutMs: 200 }).send(MESSAGE, new AbortController().signal));
      assert.equal(err.permanent, false);
    } finally {
      await server.close();
    }
  });
});

describe('htmlToText', () => {
  it('strips tags, decodes entities, keeps line breaks', () => {
    assert.equal(htmlToText('<p>Hi&nbsp;there</p>\n<p>Code: <b>1&#50;3</b><br/>Bye &lt;3</p>'), 'Hi there\n\nCode: 123\nBye <3');
    assert.equal(htmlToText('Your code is 123456'), 'Your code is 123456');
    assert.equal(htmlToText('<style>p{color:red}</style>Code &#x31;'), 'Code 1');
  });
});
