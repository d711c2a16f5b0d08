/** The settings of the HTTP transport: timeouts, the connection cap, the proxies in front. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../ground/config/config.ts';
import { loadConfig } from './load.ts';

describe('connection limits', () => {
  it('default to 10 s for headers, 30 s for a request, 72 s idle, 4096 connections', () => {
    const c = loadConfig([], {});
    assert.deepEqual([c.headersTimeoutMs, c.requestTimeoutMs, c.keepAliveTimeoutMs, c.maxConnections], [10_000, 30_000, 72_000, 4096]);
  });

  it('come from flags, the environment or the config file', () => {
    const c = loadConfig(['--headers-timeout-ms', '2000', '--request-timeout-ms', '5000', '--keep-alive-timeout-ms', '65000', '--max-connections', '100'], {});
    assert.deepEqual([c.headersTimeoutMs, c.requestTimeoutMs, c.keepAliveTimeoutMs, c.maxConnections], [2000, 5000, 65_000, 100]);
    assert.equal(loadConfig([], { COGNATE_MAX_CONNECTIONS: '50' }).maxConnections, 50);
  });

  it('refuse a request timeout shorter than the headers timeout, and values out of range', () => {
    assert.throws(() => loadConfig(['--headers-timeout-ms', '20000', '--request-timeout-ms', '10000'], {}), (e: unknown) => e instanceof ConfigError && /must not be shorter than the headers timeout/.test(e.message));
    assert.throws(() => loadConfig(['--max-connections', '0'], {}), ConfigError);
    assert.throws(() => loadConfig(['--headers-timeout-ms', '10'], {}), ConfigError);
  });
});

describe('trusted proxies', () => {
  const file = (config: object) => {
    const path = join(mkdtempSync(join(tmpdir(), 'cognate-load-')), 'cognate.json');
    writeFileSync(path, JSON.stringify(config));
    return path;
  };

  it('are none by default; --trust-proxy alone, as it was written before it took a value, is one', () => {
    assert.equal(loadConfig([], {}).trustProxy, false);
    assert.equal(loadConfig(['--trust-proxy'], {}).trustProxy, 1);
    assert.equal(loadConfig(['--trust-proxy', '--port', '0'], {}).trustProxy, 1);
    assert.equal(loadConfig([], { COGNATE_TRUST_PROXY: 'true' }).trustProxy, 1);
    assert.equal(loadConfig(['--config', file({ trustProxy: true })], {}).trustProxy, 1);
  });

  it('may be a count or the proxies\' ranges, from a flag, the environment or the file', () => {
    assert.equal(loadConfig(['--trust-proxy', '2'], {}).trustProxy, 2);
    assert.deepEqual(loadConfig([], { COGNATE_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy, ['10.0.0.0/8', '127.0.0.1']);
    assert.deepEqual(loadConfig(['--config', file({ trustProxy: ['10.0.0.0/8'] })], {}).trustProxy, ['10.0.0.0/8']);
    assert.throws(() => loadConfig(['--config', file({ trustProxy: 'lb.internal' })], {}), ConfigError);
  });
});
