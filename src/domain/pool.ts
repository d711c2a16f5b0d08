import type { CreateUserPoolRequest, LogConfigurationType, UpdateUserPoolRequest, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { adminOnlyRecoveryAlone, aliasOrUsernameAttributes, developerEmailNeedsSource, mfaNeedsSms, recoveryMechanismRepeated, verifyBeforeUpdateNeedsAutoVerify } from '../errors/index.ts';
import { poolArn } from '../ground/ids.ts';
import { buildSchema } from './schema.ts';
import { checkSignInPolicy } from './sign-in-policy.ts';
import { checkTags } from './tags.ts';
import { compact, epochSeconds, type Wire } from './wire.ts';

/** A user pool as the store keeps it; `config` is the pool's settings (PoolConfig, below). */
export interface PoolRecord {
  id: string;
  name: string;
  /** Epoch milliseconds. */
  createdAt: number;
  lastModifiedAt: number;
  config: PoolConfig;
}

export type UserPool = Wire<UserPoolType>;

/** What the store keeps for a pool: UserPoolType less what is derived (id, name, dates, ARN, counts), and its MFA factors. */
export type PoolConfig = Omit<UserPool, 'Id' | 'Name' | 'CreationDate' | 'LastModifiedDate' | 'Arn' | 'EstimatedNumberOfUsers' | 'Status'> & {
  /** Set by SetUserPoolMfaConfig; not a member of UserPoolType, so DescribeUserPool leaves it out. */
  MfaSettings?: PoolMfaSettings;
  /** Set by SetLogDeliveryConfiguration (domain/log-delivery.ts); GetLogDeliveryConfiguration shows it, DescribeUserPool does not. */
  LogDelivery?: Wire<LogConfigurationType>[];
};

/**
 * The pool's MFA factors as SetUserPoolMfaConfig configured them. AWS keeps a factor "configured"
 * by the member's presence (SoftwareTokenMfaConfiguration {Enabled: false} counts), and drops them
 * all when MFA is turned off. SMS's message and SNS settings are the pool's own
 * (SmsAuthenticationMessage, SmsConfiguration): SmsMfaConfiguration sets those.
 */
export interface PoolMfaSettings {
  Sms?: boolean;
  SoftwareToken?: { Enabled: boolean };
  Email?: { Message?: string; Subject?: string };
  /** Passkeys (WebAuthn): stored and returned here, used by the passkey flows. */
  WebAuthn?: { RelyingPartyId?: string; UserVerification?: string; FactorConfiguration?: string };
}


/** The members UpdateUserPool may set; each one it leaves out returns to its default (AWS replaces, never merges). */
type Replaceable = Omit<UpdateUserPoolRequest, 'UserPoolId' | 'PoolName'>;

const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

function policies(input: Replaceable['Policies']): PoolConfig['Policies'] {
  const given = input?.PasswordPolicy;
  // A policy given in part keeps Cognito's defaults only for length and validity; an unset requirement is off.
  const PasswordPolicy = given
    ? compact({
        MinimumLength: given.MinimumLength ?? 8,
        RequireUppercase: given.RequireUppercase ?? false,
        RequireLowercase: given.RequireLowercase ?? false,
        RequireNumbers: given.RequireNumbers ?? false,
        RequireSymbols: given.RequireSymbols ?? false,
        PasswordHistorySize: given.PasswordHistorySize,
        TemporaryPasswordValidityDays: given.TemporaryPasswordValidityDays ?? 7,
      })
    : { ...DEFAULT_PASSWORD_POLICY };
  return { PasswordPolicy, SignInPolicy: { AllowedFirstAuthFactors: input?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'] } };
}

/**
 * The verification message lives in two places in Cognito's model: the legacy top-level members and
 * VerificationMessageTemplate. Each fills the other, so readers of either see the pool's message.
 */
function messages(input: Replaceable) {
  const t = input.VerificationMessageTemplate ?? {};
  const EmailMessage = t.EmailMessage ?? input.EmailVerificationMessage;
  const EmailSubject = t.EmailSubject ?? input.EmailVerificationSubject;
  const SmsMessage = t.SmsMessage ?? input.SmsVerificationMessage;
  return {
    EmailVerificationMessage: EmailMessage,
    EmailVerificationSubject: EmailSubject,
    SmsVerificationMessage: SmsMessage,
    VerificationMessageTemplate: compact({
      SmsMessage,
      EmailMessage,
      EmailSubject,
      EmailMessageByLink: t.EmailMessageByLink,
      EmailSubjectByLink: t.EmailSubjectByLink,
      DefaultEmailOption: t.DefaultEmailOption ?? 'CONFIRM_WITH_CODE',
    }),
  };
}

function replaceable(input: Replaceable): Partial<PoolConfig> {
  const tempDays = input.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays;
  const acu = input.AdminCreateUserConfig;
  return compact({
    Policies: policies(input.Policies),
    DeletionProtection: input.DeletionProtection ?? 'INACTIVE',
    LambdaConfig: { ...input.LambdaConfig },
    AutoVerifiedAttributes: input.AutoVerifiedAttributes,
    ...messages(input),
    SmsAuthenticationMessage: input.SmsAuthenticationMessage,
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: input.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [] },
    MfaConfiguration: input.MfaConfiguration ?? 'OFF',
    DeviceConfiguration: input.DeviceConfiguration,
    EmailConfiguration: input.EmailConfiguration ? { ...input.EmailConfiguration, EmailSendingAccount: input.EmailConfiguration.EmailSendingAccount ?? 'COGNITO_DEFAULT' } : { EmailSendingAccount: 'COGNITO_DEFAULT' },
    SmsConfiguration: input.SmsConfiguration,
    UserPoolTags: { ...input.UserPoolTags },
    AdminCreateUserConfig: compact({
      AllowAdminCreateUserOnly: acu?.AllowAdminCreateUserOnly ?? false,
      // Deprecated in favour of TemporaryPasswordValidityDays, which it mirrors when not given.
      UnusedAccountValidityDays: acu?.UnusedAccountValidityDays ?? tempDays ?? 7,
      InviteMessageTemplate: acu?.InviteMessageTemplate,
    }),
    UserPoolAddOns: input.UserPoolAddOns,
    AccountRecoverySetting: input.AccountRecoverySetting,
    UserPoolTier: input.UserPoolTier ?? 'ESSENTIALS',
  });
}

/**
 * The MFA factors once MfaConfiguration is set by CreateUserPool or UpdateUserPool, which know only
 * SMS: turning MFA off drops every factor (as SetUserPoolMfaConfig does); turning it on keeps those
 * SetUserPoolMfaConfig configured, or else is SMS MFA (which needs SmsConfiguration).
 */
function mfaFactors(mode: string | undefined, current: PoolMfaSettings | undefined): PoolMfaSettings | undefined {
  const webAuthn = current?.WebAuthn ? { WebAuthn: current.WebAuthn } : undefined;
  if ((mode ?? 'OFF') === 'OFF') return webAuthn;
  if (current?.Sms || current?.SoftwareToken || current?.Email) return current;
  return { ...webAuthn, Sms: true };
}

/** Rules that hold between members, checked after defaults are in place. */
function checkConsistency(c: PoolConfig): void {
  const requireFirst = c.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  if (requireFirst.some((a) => !(c.AutoVerifiedAttributes ?? []).includes(a))) {
    throw verifyBeforeUpdateNeedsAutoVerify();
  }
  if (c.MfaSettings?.Sms && !c.SmsConfiguration) {
    throw mfaNeedsSms();
  }
  if (c.EmailConfiguration?.EmailSendingAccount === 'DEVELOPER' && !c.EmailConfiguration.SourceArn) {
    throw developerEmailNeedsSource();
  }
  const recovery = c.AccountRecoverySetting?.RecoveryMechanisms ?? [];
  if (new Set(recovery.map((r) => r.Priority)).size !== recovery.length || new Set(recovery.map((r) => r.Name)).size !== recovery.length) {
    throw recoveryMechanismRepeated();
  }
  if (recovery.some((r) => r.Name === 'admin_only') && recovery.length > 1) {
    throw adminOnlyRecoveryAlone();
  }
  checkSignInPolicy(c);
  checkTags(c.UserPoolTags);
}

export function newPoolConfig(input: CreateUserPoolRequest): PoolConfig {
  if (input.AliasAttributes?.length && input.UsernameAttributes?.length) {
    throw aliasOrUsernameAttributes();
  }
  const config: PoolConfig = compact({
    ...replaceable(input),
    SchemaAttributes: buildSchema(input.Schema),
    AliasAttributes: input.AliasAttributes,
    UsernameAttributes: input.UsernameAttributes,
    UsernameConfiguration: input.UsernameConfiguration,
  });
  config.MfaSettings = mfaFactors(config.MfaConfiguration, undefined);
  checkConsistency(config);
  return compact(config);
}

/** UpdateUserPool: every settable member from the input or its default; what it cannot set stays. */
export function updatedPoolConfig(current: PoolConfig, input: UpdateUserPoolRequest): PoolConfig {
  const config: PoolConfig = compact({
    ...replaceable(input),
    SchemaAttributes: current.SchemaAttributes,
    AliasAttributes: current.AliasAttributes,
    UsernameAttributes: current.UsernameAttributes,
    UsernameConfiguration: current.UsernameConfiguration,
    Domain: current.Domain,
    CustomDomain: current.CustomDomain,
    LogDelivery: current.LogDelivery,
  });
  config.MfaSettings = mfaFactors(config.MfaConfiguration, current.MfaSettings);
  checkConsistency(config);
  return compact(config);
}

/** A pool's region is part of its id, and stays so when the server's region setting changes. */
export const poolRegion = (poolId: string) => poolId.slice(0, poolId.indexOf('_'));

/** The pool as DescribeUserPool and CreateUserPool return it. */
export function describePool(p: PoolRecord, accountId: string, estimatedUsers: number): UserPool {
  const { MfaSettings: _factors, LogDelivery: _logs, ...config } = p.config;
  return {
    Id: p.id,
    Name: p.name,
    ...config,
    LastModifiedDate: epochSeconds(p.lastModifiedAt),
    CreationDate: epochSeconds(p.createdAt),
    EstimatedNumberOfUsers: estimatedUsers,
    Arn: poolArn(poolRegion(p.id), accountId, p.id),
  };
}
