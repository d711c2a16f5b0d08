import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './config/load.ts';
import { modeWarnings } from './mode-warnings.ts';

describe('the mode and its warnings', () => {
  it('is development only on loopback unless asked for, however the host is written', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) assert.equal(loadConfig(['--host', host], {}).mode, 'development', host);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '::ffff:127.0.0.1', 'cognate.internal']) assert.equal(loadConfig(['--host', host], {}).mode, 'production', host);
    assert.equal(loadConfig(['--host', '0.0.0.0', '--mode', 'development'], {}).mode, 'development');
    assert.equal(loadConfig(['--host', '0.0.0.0'], { COGNATE_MODE: 'development' }).mode, 'development');
  });

  it('warns of everything development mode opens on another address, and only there', () => {
    const [exposed] = modeWarnings(loadConfig(['--host', '0.0.0.0', '--mode', 'development'], {}));
    assert.match(exposed, /^development mode on 0\.0\.0\.0, which is not a loopback address/);
    assert.match(exposed, /\/metrics without a token/);
    assert.match(exposed, /new password hashes are cheap to guess/);
    assert.doesNotMatch(modeWarnings(loadConfig(['--host', '0.0.0.0', '--mode', 'development', '--password-hashing', 'strong'], {}))[0], /password hashes/);
    const [local] = modeWarnings(loadConfig([], {}));
    assert.doesNotMatch(local, /loopback/);
    assert.doesNotMatch(modeWarnings(loadConfig(['--host', '0.0.0.0', '--mode', 'development', '--metrics-token', 'a'.repeat(16)], {}))[0], /\/metrics/);
  });

  it('warns in production of what is missing: credentials, the metrics token', () => {
    assert.equal(modeWarnings(loadConfig(['--mode', 'production'], {})).length, 2);
    assert.deepEqual(modeWarnings({ mode: 'production', host: '0.0.0.0', credentials: [{ accessKeyId: 'a', secretAccessKey: 'b' }], metricsToken: 'a'.repeat(16), passwordHashing: 'strong' }), []);
  });

  it('takes a metrics token of at least 16 token characters', () => {
    assert.equal(loadConfig(['--metrics-token', 'x'.repeat(16)], {}).metricsToken, 'x'.repeat(16));
    assert.throws(() => loadConfig(['--metrics-token', 'short'], {}), /at least 16 characters/);
    assert.throws(() => loadConfig(['--metrics-token', 'has a space in it too'], {}), /at least 16 characters/);
  });
});
