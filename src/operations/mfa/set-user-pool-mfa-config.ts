/**
 * SetUserPoolMfaConfig replaces the pool's MFA settings, as AWS does (floci's integration tests,
 * measured against the live service): MfaConfiguration left out is OFF; OFF with any factor member
 * is refused, and drops every factor; ON or OPTIONAL needs at least one factor member (present
 * counts, even Enabled false); WebAuthnConfiguration stands apart from those rules, and is kept
 * when left out. SmsMfaConfiguration sets the pool's SMS message and SNS settings. Email MFA needs
 * the Essentials or Plus plan and a DEVELOPER email configuration (AWS's EmailMfaConfigType).
 */
import type { SetUserPoolMfaConfigRequest, SetUserPoolMfaConfigResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { PoolConfig, PoolMfaSettings } from '../../domain/pool.ts';
import { checkSignInPolicy } from '../../domain/sign-in-policy.ts';
import { compact, type Wire } from '../../domain/wire.ts';
import { emailMfaNeedsDeveloperEmail, emailMfaNeedsTier, mfaNeedsSms, mfaOffWithFactor, mfaWithoutFactor } from '../../errors/index.ts';
import { requirePool } from '../../services/directory/pools.ts';
import { poolOperation } from '../operation.ts';
import { describeMfaConfig } from './pool-mfa-config.ts';

function configured(current: PoolConfig, input: SetUserPoolMfaConfigRequest): PoolConfig {
  const mode = input.MfaConfiguration ?? 'OFF';
  const sms = input.SmsMfaConfiguration;
  const factors = [sms, input.SoftwareTokenMfaConfiguration, input.EmailMfaConfiguration].filter((f) => f !== undefined);
  if (mode === 'OFF' && factors.length) throw mfaOffWithFactor();
  if (mode !== 'OFF' && !factors.length) throw mfaWithoutFactor();
  const config: PoolConfig = {
    ...current,
    MfaConfiguration: mode,
    SmsConfiguration: sms?.SmsConfiguration ?? current.SmsConfiguration,
    SmsAuthenticationMessage: sms?.SmsAuthenticationMessage ?? current.SmsAuthenticationMessage,
  };
  if (sms && !config.SmsConfiguration) throw mfaNeedsSms();
  if (input.EmailMfaConfiguration) {
    if ((config.UserPoolTier ?? 'ESSENTIALS') === 'LITE') throw emailMfaNeedsTier();
    if (config.EmailConfiguration?.EmailSendingAccount !== 'DEVELOPER') throw emailMfaNeedsDeveloperEmail();
  }
  const webAuthn = input.WebAuthnConfiguration ?? current.MfaSettings?.WebAuthn;
  const settings: PoolMfaSettings = compact({
    Sms: sms ? true : undefined,
    SoftwareToken: input.SoftwareTokenMfaConfiguration ? { Enabled: input.SoftwareTokenMfaConfiguration.Enabled ?? false } : undefined,
    Email: input.EmailMfaConfiguration ? compact({ Message: input.EmailMfaConfiguration.Message, Subject: input.EmailMfaConfiguration.Subject }) : undefined,
    WebAuthn: webAuthn ? compact({ ...webAuthn, UserVerification: webAuthn.UserVerification ?? 'preferred' }) : undefined,
  });
  const next = compact({ ...config, MfaSettings: Object.keys(settings).length ? settings : undefined });
  // MFA ON with a one-time code (or a passkey that does not count as MFA) as a first factor is refused here as in UpdateUserPool.
  checkSignInPolicy(next, 'mfa');
  return next;
}

export default poolOperation<SetUserPoolMfaConfigRequest, Wire<SetUserPoolMfaConfigResponse>, 'store' | 'clock'>('SetUserPoolMfaConfig', async ({ store, clock }, input, ctx) => {
  const config = await store.transaction(async (tx) => {
    const pool = await requirePool(tx, ctx.pool.id);
    const next = configured(pool.config, input);
    await tx.pools.update({ ...pool, config: next, lastModifiedAt: clock.now() });
    return next;
  });
  return describeMfaConfig(config);
});
