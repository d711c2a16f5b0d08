import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideMfa, type UserMfaSettings } from './mfa.ts';
import type { PoolConfig } from './pool.ts';
import type { UserRecord } from './user.ts';

const SMS = { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns' };
const pool = (mode: 'OFF' | 'ON' | 'OPTIONAL', factors: { sms?: boolean; totp?: boolean; email?: boolean } = { sms: true, totp: true, email: true }): PoolConfig => ({
  MfaConfiguration: mode,
  SmsConfiguration: SMS,
  MfaSettings: mode === 'OFF' ? undefined : { Sms: factors.sms, SoftwareToken: factors.totp === undefined ? undefined : { Enabled: factors.totp }, Email: factors.email ? {} : undefined },
});
const user = (attributes: Record<string, string>, settings: UserMfaSettings = {}): UserRecord => ({
  poolId: 'p', sub: 's', username: 'u', status: 'CONFIRMED', enabled: true, attributes, pending: {}, password: null,
  settings: settings as Record<string, unknown>, createdAt: 0, lastModifiedAt: 0, version: 1,
});
const token = { SoftwareToken: { secret: 'sealed' } };
const phone = { phone_number: '+15555550100' };
const email = { email: 'a@example.com' };

describe('the MFA step decides', () => {
  it('nothing when the pool has MFA off, whatever the user turned on', () => {
    assert.deepEqual(decideMfa(pool('OFF'), user(phone, { UserMFASettingList: ['SMS_MFA'] })), { kind: 'none' });
  });

  it('the only factor, or the preferred one, or SELECT_MFA_TYPE among several', () => {
    const both = { UserMFASettingList: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] as const, ...token };
    assert.deepEqual(decideMfa(pool('OPTIONAL'), user(phone, { UserMFASettingList: ['SMS_MFA'] })), { kind: 'challenge', factor: 'SMS_MFA' });
    assert.deepEqual(decideMfa(pool('OPTIONAL'), user(phone, { ...both, UserMFASettingList: [...both.UserMFASettingList] })), { kind: 'select', factors: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] });
    assert.deepEqual(decideMfa(pool('OPTIONAL'), user(phone, { ...both, UserMFASettingList: [...both.UserMFASettingList], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' })), { kind: 'challenge', factor: 'SOFTWARE_TOKEN_MFA' });
  });

  it('leaves out factors the pool does not offer (SMS, email) or the user cannot receive; a verified TOTP counts even when the pool turned TOTP off', () => {
    assert.deepEqual(decideMfa(pool('OPTIONAL', { totp: true }), user({ ...phone, ...email }, { UserMFASettingList: ['SMS_MFA', 'EMAIL_OTP'] })), { kind: 'none' });
    assert.deepEqual(decideMfa(pool('OPTIONAL'), user({}, { UserMFASettingList: ['SMS_MFA', 'EMAIL_OTP'] })), { kind: 'none' });
    assert.deepEqual(decideMfa(pool('OPTIONAL', { sms: true, totp: false }), user({}, { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], ...token })), { kind: 'challenge', factor: 'SOFTWARE_TOKEN_MFA' });
  });

  it('counts the legacy SMS option (MFAOptions) as SMS_MFA', () => {
    assert.deepEqual(decideMfa(pool('OPTIONAL'), user(phone, { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] })), { kind: 'challenge', factor: 'SMS_MFA' });
  });

  it('with no factor: OPTIONAL signs in; ON sends SMS to a phone number, else MFA_SETUP with the pool\'s factors', () => {
    assert.deepEqual(decideMfa(pool('OPTIONAL'), user(phone)), { kind: 'none' });
    assert.deepEqual(decideMfa(pool('ON'), user(phone)), { kind: 'challenge', factor: 'SMS_MFA' });
    assert.deepEqual(decideMfa(pool('ON'), user(email)), { kind: 'setup', factors: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] });
    assert.deepEqual(decideMfa(pool('ON', { totp: true }), user(phone)), { kind: 'setup', factors: ['SOFTWARE_TOKEN_MFA'] });
  });
});
