/**
 * Where a request comes from, for its auth event: the address and the device. What a caller
 * claims is believed only where AWS believes it: a signed administrative call's ContextData (the
 * server relaying its user's request), or UserContextData.IpAddress from an app client with a
 * secret and EnablePropagateAdditionalUserContextData. Any other caller could name an address
 * in a skipped range, or out of a blocked one.
 */
import type { ContextDataType, UserContextDataType } from '@aws-sdk/client-cognito-identity-provider';
import type { EventContext } from '../../domain/auth-event.ts';
import type { ClientRecord } from '../../domain/client.ts';
import { deviceName } from '../../domain/risk.ts';
import type { RequestInfo } from '../request-context.ts';

/** What a request may say of its user's context: UserContextData (unsigned operations) or ContextData (AdminInitiateAuth, AdminRespondToAuthChallenge). */
export interface ClaimedContext {
  userContextData?: UserContextDataType;
  contextData?: ContextDataType;
}

export function eventContext(request: Pick<RequestInfo, 'sourceIp' | 'userAgent'>, client: ClientRecord | undefined, claimed: ClaimedContext | undefined): EventContext {
  const relayed = claimed?.contextData;
  if (relayed?.IpAddress) {
    const ua = relayed.HttpHeaders?.find((h) => h.headerName?.toLowerCase() === 'user-agent')?.headerValue;
    return { ipAddress: relayed.IpAddress, deviceName: deviceName(ua ?? request.userAgent) };
  }
  const propagates = !!client?.secret && !!client.config.EnablePropagateAdditionalUserContextData;
  const claimedIp = propagates ? claimed?.userContextData?.IpAddress : undefined;
  return { ipAddress: claimedIp || request.sourceIp, deviceName: deviceName(request.userAgent) };
}
