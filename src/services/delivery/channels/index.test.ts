import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../ground/config/config.ts';
import type { ChannelConfig } from '../../../ground/config/delivery.ts';
import { createChannel, parseChannelConfig } from './index.ts';

describe('parseChannelConfig', () => {
  it('accepts good configs of every type', () => {
    const good: ChannelConfig[] = [
      { type: 'capture' },
      { type: 'smtp', url: 'smtp://127.0.0.1:2525' },
      {
        type: 'smtp',
        url: 'smtps://user:pass@smtp.example.com:465',
        from: 'Cognate <no-reply@example.com>',
        tls: { rejectUnauthorized: false, ca: '-----BEGIN CERTIFICATE-----' },
        timeoutMs: 5000,
      },
      { type: 'sns', region: 'us-east-1' },
      {
        type: 'sns',
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:4566',
        credentials: { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'T' },
        senderId: 'Cognate-1',
        originationNumber: '+15555550100',
        smsType: 'Promotional',
        timeoutMs: 2000,
      },
      { type: 'webhook', url: 'https://sms.example.com/send', secret: 's3cret' },
      { type: 'webhook', url: 'http://127.0.0.1:8080/hook', secret: 's', timeoutMs: 200, headers: { 'x-api-key': 'k' } },
    ];
    for (const config of good) {
      assert.deepEqual(parseChannelConfig('c', JSON.parse(JSON.stringify(config))), config);
    }
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', 'smtp', /channel 'c' must be a JSON object/],
    ['an array', [], /channel 'c' must be a JSON object/],
    ['no type', { url: 'smtp://x' }, /channel 'c': 'type' is required/],
    ['unknown type', { type: 'carrier-pigeon' }, /channel 'c': 'type' must be one of capture, smtp, sns, webhook/],
    ['unknown key on capture', { type: 'capture', url: 'x' }, /channel 'c': 'url' is not a known key/],
    ['smtp without url', { type: 'smtp' }, /channel 'c': 'url' is required/],
    ['smtp with an http url', { type: 'smtp', url: 'http://mail' }, /'url' must start with smtp:\/\/ or smtps:\/\//],
    ['smtp with a garbage url', { type: 'smtp', url: 'mail server' }, /'url' must be a URL/],
    ['smtp unknown key', { type: 'smtp', url: 'smtp://x', port: 25 }, /'port' is not a known key \(known: type, url, from, tls, timeoutMs\)/],
    ['smtp tls unknown key', { type: 'smtp', url: 'smtp://x', tls: { verify: false } }, /'tls\.verify' is not a known key/],
    ['smtp tls wrong type', { type: 'smtp', url: 'smtp://x', tls: { rejectUnauthorized: 'no' } }, /'tls\.rejectUnauthorized' must be true or false/],
    ['smtp empty from', { type: 'smtp', url: 'smtp://x', from: '' }, /'from' must be a non-empty string/],
    ['smtp bad timeout', { type: 'smtp', url: 'smtp://x', timeoutMs: -1 }, /'timeoutMs' must be a whole number/],
    ['smtp fractional timeout', { type: 'smtp', url: 'smtp://x', timeoutMs: 1.5 }, /'timeoutMs' must be a whole number/],
    ['sns without region', { type: 'sns' }, /channel 'c': 'region' is required/],
    ['sns bad region', { type: 'sns', region: 'moon' }, /'region' must be an AWS region/],
    ['sns bad endpoint', { type: 'sns', region: 'us-east-1', endpoint: 'ftp://x' }, /'endpoint' must start with http:\/\/ or https:\/\//],
    ['sns credentials without secret', { type: 'sns', region: 'us-east-1', credentials: { accessKeyId: 'AK' } }, /'credentials\.secretAccessKey' is required/],
    ['sns credentials unknown key', { type: 'sns', region: 'us-east-1', credentials: { accessKeyId: 'AK', secretAccessKey: 'SK', token: 'x' } }, /'credentials\.token' is not a known key/],
    ['sns long sender id', { type: 'sns', region: 'us-east-1', senderId: 'WayTooLongSender' }, /'senderId' must be 1 to 11/],
    ['sns numeric sender id', { type: 'sns', region: 'us-east-1', senderId: '12345' }, /'senderId' must be 1 to 11/],
    ['sns bad origination number', { type: 'sns', region: 'us-east-1', originationNumber: '555-0100' }, /'originationNumber' must be an E\.164 phone number/],
    ['sns bad sms type', { type: 'sns', region: 'us-east-1', smsType: 'transactional' }, /'smsType' must be one of Transactional, Promotional/],
    ['sns unknown key', { type: 'sns', region: 'us-east-1', topicArn: 'x' }, /'topicArn' is not a known key/],
    ['webhook without url', { type: 'webhook', secret: 's' }, /'url' is required/],
    ['webhook without secret', { type: 'webhook', url: 'https://x' }, /'secret' is required/],
    ['webhook empty secret', { type: 'webhook', url: 'https://x', secret: '' }, /'secret' must be a non-empty string/],
    ['webhook smtp url', { type: 'webhook', url: 'smtp://x', secret: 's' }, /'url' must start with http:\/\/ or https:\/\//],
    ['webhook header not a string', { type: 'webhook', url: 'https://x', secret: 's', headers: { 'x-n': 1 } }, /'headers\.x-n' must be a string/],
    ['webhook headers not an object', { type: 'webhook', url: 'https://x', secret: 's', headers: ['a'] }, /'headers' must be an object of strings/],
  ];
  for (const [what, raw, message] of bad) {
    it(`refuses ${what}`, () => {
      assert.throws(() => parseChannelConfig('c', raw), (e) => {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
        assert.match(e.message, message);
        return true;
      });
    });
  }
});

describe('createChannel', () => {
  it('builds a channel of each type, named', async () => {
    const configs: ChannelConfig[] = [
      { type: 'capture' },
      { type: 'smtp', url: 'smtp://127.0.0.1:2525' },
      { type: 'sns', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
      { type: 'webhook', url: 'http://127.0.0.1:8080/', secret: 's' },
    ];
    for (const config of configs) {
      const channel = createChannel(`my-${config.type}`, config);
      assert.equal(channel.type, config.type);
      assert.equal(channel.name, `my-${config.type}`);
      await channel.close();
    }
  });
});
