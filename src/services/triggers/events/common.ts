/**
 * Fields every Cognito trigger event carries, as AWS sends them
 * (developer guide, "Lambda trigger common parameters").
 */

export type StringMap = Record<string, string>;

export interface CallerContext {
  awsSdkVersion: string;
  clientId: string;
}

/** `callerContext` values Cognito sends when no app client or SDK is involved (admin operations). */
export const CLIENT_ID_NOT_APPLICABLE = 'CLIENT_ID_NOT_APPLICABLE';
export const AWS_SDK_UNKNOWN = 'aws-sdk-unknown-unknown';

export interface EventHeader<S extends string> {
  version: string;
  triggerSource: S;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: CallerContext;
}

/** What every builder needs to know about the call that fires the trigger. */
export interface CommonInput {
  region: string;
  userPoolId: string;
  userName: string;
  /** The app client of the request; absent or null for admin operations (→ CLIENT_ID_NOT_APPLICABLE). */
  clientId?: string | null;
  /** The caller's SDK, e.g. from its User-Agent (`aws-sdk-js-3.600.0`); default `aws-sdk-unknown-unknown`. */
  awsSdkVersion?: string;
}

export function header<S extends string>(input: CommonInput, triggerSource: S, version = '1'): EventHeader<S> {
  return {
    version,
    triggerSource,
    region: input.region,
    userPoolId: input.userPoolId,
    userName: input.userName,
    callerContext: {
      awsSdkVersion: input.awsSdkVersion ?? AWS_SDK_UNKNOWN,
      clientId: input.clientId ?? CLIENT_ID_NOT_APPLICABLE,
    },
  };
}

/** `clientMetadata` appears only when the operation was given ClientMetadata. */
export function withClientMetadata<R extends object>(request: R, clientMetadata: StringMap | undefined): R & { clientMetadata?: StringMap } {
  return clientMetadata === undefined ? request : { ...request, clientMetadata: { ...clientMetadata } };
}

/**
 * The name Cognito uses for a trigger in its error messages ("PreSignUp failed with error ..."),
 * from the event's triggerSource.
 */
export function triggerName(triggerSource: string): string {
  const prefix = triggerSource.split('_')[0] ?? triggerSource;
  return prefix === 'TokenGeneration' ? 'PreTokenGeneration' : prefix;
}
