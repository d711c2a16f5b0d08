/**
 * The end-to-end suites that cover the store's every aggregate, run again with every server on
 * PostgreSQL (COGNATE_TEST_STORE=postgres; each server on a schema of its own): pools and app
 * clients, sign-up and confirmation, password sign-in and the lockout (of users and of names no
 * user holds), tokens, GlobalSignOut and revocation, attribute verification, and data surviving a
 * restart. `COGNATE_TEST_STORE=postgres npm test` runs all of them that way.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { it } from 'node:test';
import { postgresMode, postgresUnavailable } from '../support/postgres.ts';

const SUITES = [
  'user-pools.test.ts',
  'user-pool-clients.test.ts',
  'sign-up.test.ts',
  'sign-up-triggers.test.ts',
  'auth-password.test.ts',
  'user-existence.test.ts',
  'auth-tokens.test.ts',
  'verification-flows.test.ts',
  'persistence.test.ts',
].map((f) => new URL(f, import.meta.url).pathname);

const skip = postgresMode() ? 'the whole suite runs on PostgreSQL already (COGNATE_TEST_STORE=postgres)' : await postgresUnavailable();

it(`passes the end-to-end suites with the servers on PostgreSQL (${SUITES.length} files)`, { skip }, async (t) => {
  const child = spawn(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...SUITES], {
    // Without NODE_TEST_CONTEXT, which would make the inner runner report to this one in its private format.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT')), COGNATE_TEST_STORE: 'postgres' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const count = (label: string) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? NaN);
  assert.equal(code, 0, `the suites failed on PostgreSQL:\n${output.split('\n').filter((l) => /✖|Error|expected|actual/.test(l)).slice(0, 60).join('\n')}`);
  assert.equal(count('fail'), 0);
  assert.ok(count('pass') > 40, `expected the suites' tests to run, got:\n${output.slice(-2000)}`);
  t.diagnostic(`${count('pass')} end-to-end tests passed on PostgreSQL`);
});
