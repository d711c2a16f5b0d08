import { poolRegion } from '../../domain/pool.ts';
import type { CommonInput } from './events/common.ts';

/** The SDK version a caller names in its User-Agent, for callerContext.awsSdkVersion. */
export function sdkVersionOf(userAgent: string | undefined): string | undefined {
  const m = /(aws-sdk-[\w-]+\/[\d.]+|aws-cli\/[\d.]+|Boto3\/[\d.]+|paws\/[\d.]+|AWSPowerShell[\w.]*\/[\d.]+)/i.exec(userAgent ?? '');
  return m ? m[1].replace('/', '-') : undefined;
}

/**
 * The fields of a trigger event that say where it comes from: the pool (and its region), the
 * user, the app client of the request (null for administrative operations) and the caller's SDK.
 */
export function eventCaller(pool: { id: string }, userName: string, clientId: string | null, userAgent: string | undefined): CommonInput {
  return { region: poolRegion(pool.id), userPoolId: pool.id, userName, clientId, awsSdkVersion: sdkVersionOf(userAgent) };
}
