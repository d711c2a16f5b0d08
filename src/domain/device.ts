/**
 * Remembered devices: a device a user signed in from, confirmed with ConfirmDevice (its SRP
 * verifier, made by the client from a random password only the device knows), then remembered or
 * not. A remembered device proves itself at sign-in (DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER)
 * and may then stand in for MFA.
 */
import type { DeviceType } from '@aws-sdk/client-cognito-identity-provider';
import type { PoolRecord } from './pool.ts';
import { compact, epochSeconds, type Wire } from './wire.ts';

export type DeviceRememberedStatus = 'remembered' | 'not_remembered';

/** A confirmed device as the store keeps it. */
export interface DeviceRecord {
  poolId: string;
  sub: string;
  /** `<region>_<uuid>`, as AWS's. */
  key: string;
  /** The user's device group key: the "pool name" of the device's SRP. */
  groupKey: string;
  /** The device's SRP verifier (hex), sealed under the master key: it stands for the device's secret. */
  verifier: string;
  /** The SRP salt (hex). */
  salt: string;
  name: string | null;
  status: DeviceRememberedStatus;
  /** The address the device last signed in from (or confirmed from). */
  lastIp: string | null;
  createdAt: number;
  lastModifiedAt: number;
  lastAuthenticatedAt: number;
}

/**
 * Whether the pool tracks devices: AWS, "When you provide a value for any property of
 * DeviceConfiguration, you activate the device remembering for the user pool."
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceConfigurationType.html)
 */
export function tracksDevices(pool: Pick<PoolRecord, 'config'>): boolean {
  const c = pool.config.DeviceConfiguration;
  return !!c && (c.ChallengeRequiredOnNewDevice !== undefined || c.DeviceOnlyRememberedOnUserPrompt !== undefined);
}

/** With DeviceOnlyRememberedOnUserPrompt, a confirmed device waits for UpdateDeviceStatus; otherwise it is remembered at once. */
export const rememberedOnConfirm = (pool: Pick<PoolRecord, 'config'>): boolean => pool.config.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt !== true;

/**
 * Whether a sign-in whose device proved itself (DEVICE_PASSWORD_VERIFIER) skips MFA: AWS,
 * ChallengeRequiredOnNewDevice "When true, a remembered device can sign in with device
 * authentication instead of SMS and time-based one-time password (TOTP) factors for MFA"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cognito-userpool-deviceconfiguration.html).
 */
export function deviceStandsInForMfa(pool: Pick<PoolRecord, 'config'>, deviceAuthenticated: boolean | undefined): boolean {
  return !!deviceAuthenticated && pool.config.DeviceConfiguration?.ChallengeRequiredOnNewDevice === true;
}

/**
 * DeviceType as GetDevice, AdminGetDevice, ListDevices and AdminListDevices return it, its
 * attributes in the order of AWS's example (aws cognito-idp get-device, AWS CLI reference:
 * https://awscli.amazonaws.com/v2/documentation/api/latest/reference/cognito-idp/get-device.html).
 * `owner` is the user's username; AWS's dev:device_sdk (the SDK that confirmed it) is not kept.
 */
export function describeDevice(d: DeviceRecord, o: { accountId: string; owner: string }): Wire<DeviceType> {
  const owner = `${o.owner}.${d.poolId}`;
  const region = d.poolId.slice(0, d.poolId.indexOf('_'));
  const attributes = [
    { Name: 'device_status', Value: 'valid' },
    ...(d.name !== null ? [{ Name: 'device_name', Value: d.name }] : []),
    { Name: 'dev:device_arn', Value: `arn:aws:cognito-idp:${region}:${o.accountId}:owner/${owner}/device/${d.key}` },
    { Name: 'dev:device_owner', Value: owner },
    ...(d.lastIp !== null ? [{ Name: 'last_ip_used', Value: d.lastIp }] : []),
    { Name: 'dev:device_remembered_status', Value: d.status },
  ];
  return compact({
    DeviceKey: d.key,
    DeviceAttributes: attributes,
    DeviceCreateDate: epochSeconds(d.createdAt),
    DeviceLastModifiedDate: epochSeconds(d.lastModifiedAt),
    DeviceLastAuthenticatedDate: epochSeconds(d.lastAuthenticatedAt),
  });
}
