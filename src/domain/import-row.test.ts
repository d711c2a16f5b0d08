import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvHeader } from './import-job.ts';
import { headerProblem, NOT_AUTO_VERIFIED, userFromRow } from './import-row.ts';
import { newPoolConfig } from './pool.ts';

const pool = newPoolConfig({ PoolName: 'p', AutoVerifiedAttributes: ['email'], Schema: [{ Name: 'tier', AttributeDataType: 'Number', NumberAttributeConstraints: { MinValue: '1', MaxValue: '3' } }] });
const header = csvHeader(pool);
const row = (values: Record<string, string>) => header.map((c) => values[c] ?? '');
const good = { 'cognito:username': 'ann', email: 'ann@example.com', email_verified: 'true', 'cognito:mfa_enabled': 'false' };
const reason = (values: Record<string, string>) => {
  const out = userFromRow(pool, 'us-east-1_p', header, row(values), 'sub-1', 5);
  return out.kind === 'failed' ? out.reason : 'imported';
};

describe('an import row', () => {
  it("GetCSVHeader's columns include custom attributes; a header must have them all, once, and nothing else", () => {
    assert.ok(header.includes('custom:tier'));
    assert.equal(headerProblem(pool, [...header].reverse()), undefined);
    assert.match(headerProblem(pool, header.slice(1))!, /lacks the columns name/);
    assert.match(headerProblem(pool, [...header, 'shoe'])!, /shoe is not in/);
    assert.match(headerProblem(pool, [...header, 'email'])!, /email appears twice/);
  });

  it('becomes a RESET_REQUIRED user without a password; mfa_enabled turns on SMS MFA', () => {
    const out = userFromRow(pool, 'us-east-1_p', header, row({ ...good, 'custom:tier': '2', phone_number: '+15550100', 'cognito:mfa_enabled': 'TRUE' }), 'sub-1', 5);
    assert.equal(out.kind, 'user');
    if (out.kind !== 'user') return;
    assert.equal(out.user.status, 'RESET_REQUIRED');
    assert.equal(out.user.password, null);
    assert.deepEqual(out.user.attributes, { sub: 'sub-1', email: 'ann@example.com', email_verified: 'true', 'custom:tier': '2', phone_number: '+15550100' });
    assert.deepEqual(out.user.settings, { UserMFASettingList: ['SMS_MFA'], PreferredMfaSetting: 'SMS_MFA' });
  });

  it('fails for each of the guide\'s rules, in words that name no user data', () => {
    assert.equal(reason(good), 'imported');
    assert.equal(reason({ ...good, email_verified: 'false' }), NOT_AUTO_VERIFIED);
    assert.equal(reason({ ...good, email: '' }), 'email_verified is true but email is missing.');
    assert.equal(reason({ ...good, 'cognito:username': '' }), 'The cognito:username value is missing.');
    assert.equal(reason({ ...good, 'cognito:mfa_enabled': 'yes' }), 'The cognito:mfa_enabled value must be true or false.');
    assert.equal(reason({ ...good, 'cognito:mfa_enabled': 'true' }), 'cognito:mfa_enabled is true but phone_number is missing.');
    assert.match(reason({ ...good, 'custom:tier': '7' }), /custom:tier/);
    assert.match(reason({ ...good, email: 'nope' }), /email/i);
    assert.deepEqual(userFromRow(pool, 'p', header, ['x'], 's', 1), { kind: 'failed', reason: `The row has 1 values; the header has ${header.length} columns.` });
  });
});
