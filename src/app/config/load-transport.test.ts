/** The settings of the HTTP transport: timeouts and the connection cap. */
import assert from 'node:assert/strict';
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
