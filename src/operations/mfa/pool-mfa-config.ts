/** GetUserPoolMfaConfig's and SetUserPoolMfaConfig's answer: the mode, and only the factors configured (as AWS answers). */
import type { GetUserPoolMfaConfigResponse } from '@aws-sdk/client-cognito-identity-provider';
import { poolMfaSettings } from '../../domain/mfa.ts';
import type { PoolConfig } from '../../domain/pool.ts';
import { compact, type Wire } from '../../domain/wire.ts';

export function describeMfaConfig(pool: PoolConfig): Wire<GetUserPoolMfaConfigResponse> {
  const s = poolMfaSettings(pool);
  return compact({
    SmsMfaConfiguration: s.Sms ? compact({ SmsAuthenticationMessage: pool.SmsAuthenticationMessage, SmsConfiguration: pool.SmsConfiguration }) : undefined,
    SoftwareTokenMfaConfiguration: s.SoftwareToken ? { Enabled: s.SoftwareToken.Enabled } : undefined,
    EmailMfaConfiguration: s.Email ? compact({ ...s.Email }) : undefined,
    MfaConfiguration: pool.MfaConfiguration ?? 'OFF',
    WebAuthnConfiguration: s.WebAuthn as Wire<GetUserPoolMfaConfigResponse>['WebAuthnConfiguration'],
  });
}
