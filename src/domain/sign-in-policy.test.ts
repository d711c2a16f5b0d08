import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedFirstFactors, allowsOneTimeCodes, checkSignInPolicy } from './sign-in-policy.ts';

const pool = (factors: ('PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN')[] | undefined, more: { MfaConfiguration?: 'ON' | 'OFF' | 'OPTIONAL'; UserPoolTier?: 'LITE' | 'ESSENTIALS' | 'PLUS' } = {}) =>
  ({ Policies: factors ? { SignInPolicy: { AllowedFirstAuthFactors: factors } } : undefined, ...more });

const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as { type?: string; name: string; message: string }).message;
  }
  return undefined;
};

describe('sign-in policy', () => {
  it('defaults to the password alone', () => {
    assert.deepEqual(allowedFirstFactors(pool(undefined)), ['PASSWORD']);
    assert.equal(allowsOneTimeCodes(pool(undefined)), false);
    assert.equal(allowsOneTimeCodes(pool(['PASSWORD', 'SMS_OTP'])), true);
    assert.equal(allowsOneTimeCodes(pool(['PASSWORD', 'WEB_AUTHN'])), false);
  });

  it('always keeps PASSWORD', () => {
    assert.equal(refusal(() => checkSignInPolicy(pool(['EMAIL_OTP', 'SMS_OTP']))), 'AllowedFirstAuthFactors must include PASSWORD.');
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']))), undefined);
  });

  it('refuses one-time codes where MFA is required, not where it is optional', () => {
    const words = 'Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled';
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'EMAIL_OTP'], { MfaConfiguration: 'ON' }))), words);
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'SMS_OTP'], { MfaConfiguration: 'ON' }))), words);
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'EMAIL_OTP'], { MfaConfiguration: 'OPTIONAL' }))), undefined);
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD'], { MfaConfiguration: 'ON' }))), undefined);
  });

  it('needs the Essentials plan or higher for any factor but the password', () => {
    assert.match(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'WEB_AUTHN'], { UserPoolTier: 'LITE' })))!, /ESSENTIALS or PLUS/);
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD'], { UserPoolTier: 'LITE' }))), undefined);
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'EMAIL_OTP'], { UserPoolTier: 'PLUS' }))), undefined);
  });

  it('refuses passkeys as a first factor where MFA is required, unless a verified passkey counts as MFA (go-to-k/cdkd#2064)', () => {
    const on = { MfaConfiguration: 'ON' } as const;
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'WEB_AUTHN'], on))), 'WEB_AUTHN cannot be used as an auth factor when MFA is enabled if not configured for MFA.');
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'WEB_AUTHN'], on), 'mfa')), 'Cannot set WebAuthn factor configuration to SINGLE_FACTOR if MFA is required and WebAuthn is an allowed first auth factor');
    const multi = { ...on, MfaSettings: { WebAuthn: { FactorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' } } };
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'WEB_AUTHN'], multi))), undefined);
    assert.equal(refusal(() => checkSignInPolicy(pool(['PASSWORD', 'WEB_AUTHN'], { MfaConfiguration: 'OPTIONAL' }))), undefined);
  });
});
