import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, COGNATE_PORT: '' } });

describe('the cognate command line', () => {
  it('documents every flag in --help', () => {
    const r = run('--help');
    assert.equal(r.status, 0);
    for (const flag of ['--port', '--host', '--db', '--region', '--account-id', '--mode', '--config', '--body-limit', '--log-level', '--log-pretty', '--headers-timeout-ms', '--request-timeout-ms', '--keep-alive-timeout-ms', '--max-connections', '--trust-proxy', '--metrics-token']) {
      assert.match(r.stdout, new RegExp(`${flag}\\b`), flag);
    }
    assert.match(r.stdout, /COGNATE_PORT/);
  });

  it('exits 2 with a clear message on a bad flag or value', () => {
    const unknown = run('serve', '--prot', '1');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--prot/);
    const port = run('serve', '--port', 'ninety');
    assert.equal(port.status, 2);
    assert.match(port.stderr, /--port must be a whole number/);
    const region = run('serve', '--region', 'moon');
    assert.equal(region.status, 2);
    assert.equal(run('fly').status, 2);
  });

  it('exits 2 on a config file that is missing, malformed or wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognate-cli-'));
    assert.equal(run('serve', '--config', join(dir, 'missing.json')).status, 2);
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    const bad = run('serve', '--config', join(dir, 'bad.json'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /not valid JSON/);
    writeFileSync(join(dir, 'unknown.json'), '{"prot": 1}');
    const unknown = run('serve', '--config', join(dir, 'unknown.json'));
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown key 'prot'/);
    writeFileSync(join(dir, 'type.json'), '{"port": "x"}');
    assert.equal(run('serve', '--config', join(dir, 'type.json')).status, 2);
  });
});
