/** The client's half of SRP, as amazon-cognito-identity-js's CognitoUser.authenticateUserDefaultAuth computes it. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cognitoJs = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;
const { Sha256 } = require('@aws-crypto/sha256-js');

export interface SrpClient {
  /** SRP_A, in hex. */
  A: string;
  /** The PASSWORD_VERIFIER ChallengeResponses for the challenge's parameters and a password (at `timestamp`, else now). */
  answer(params: Record<string, string>, password: string, timestamp?: string): Record<string, string>;
}

export function srpClient(poolId: string): SrpClient {
  const poolName = poolId.split('_')[1];
  const helper = new cognitoJs.AuthenticationHelper(poolName);
  let A = '';
  helper.getLargeAValue((_e: unknown, a: { toString(radix: number): string }) => (A = a.toString(16)));
  return {
    A,
    answer(params, password, timestamp = srpTimestamp()) {
      let key: Buffer | undefined;
      helper.getPasswordAuthenticationKey(params.USER_ID_FOR_SRP, password, new BigInteger(params.SRP_B, 16), new BigInteger(params.SALT, 16), (_e: unknown, k: Buffer) => (key = k));
      const mac = new Sha256(key);
      mac.update(Buffer.concat([Buffer.from(poolName), Buffer.from(params.USER_ID_FOR_SRP), Buffer.from(params.SECRET_BLOCK, 'base64'), Buffer.from(timestamp)]));
      return {
        USERNAME: params.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK, TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: Buffer.from(mac.digestSync()).toString('base64'),
      };
    },
  };
}

/** TIMESTAMP as the clients write it. */
export const srpTimestamp = (): string => new cognitoJs.DateHelper().getNowString();
