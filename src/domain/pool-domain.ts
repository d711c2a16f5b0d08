import type { DomainDescriptionType } from '@aws-sdk/client-cognito-identity-provider';
import { compact, type Wire } from './wire.ts';
import { invalidCustomDomain, invalidManagedLoginVersion, invalidPrefixDomain, reservedWordInDomain } from '../errors/index.ts';

/**
 * A user pool's domain: a prefix under Cognito's own domain (`<prefix>.auth.<region>.amazoncognito.com`)
 * or a custom domain of the pool owner's, served (in AWS) by a CloudFront distribution with the
 * owner's certificate. A pool has at most one of each kind.
 */
export interface PoolDomainRecord {
  domain: string;
  poolId: string;
  kind: 'prefix' | 'custom';
  certificateArn: string | null;
  /** 1: the classic hosted UI; 2: managed login. */
  managedLoginVersion: number;
  /** The CloudFront host AWS would give the domain; made once, kept for the domain's life. */
  cloudFront: string;
  /** When the domain's settings last changed: its `Version`. */
  lastModifiedAt: number;
}

/** The prefix rule AWS words in its refusal (the model's DomainType pattern). */
export const PREFIX_PATTERN = '^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$';
const PREFIX = new RegExp(PREFIX_PATTERN);
/** A host name of two labels or more, each a prefix-like label, lower case (AWS keeps names as given). */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const isPrefixDomain = (d: string) => PREFIX.test(d);
export const isCustomDomainName = (d: string) => HOST.test(d);

/** AWS's `Version` of a domain: its last change as yyyyMMddHHmmss (UTC). */
export function domainVersion(at: number): string {
  return new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * AWS names a region's hosted UI bucket by the region's airport code (`aws-cognito-prod-iad-assets`
 * in us-east-1, `-pdx-` in us-west-2, `-sfo-` in us-west-1, `-nrt-` in ap-northeast-1, as answers
 * pasted in public issues show); a region not listed here keeps its own name there.
 */
const AIRPORTS: Readonly<Record<string, string>> = {
  'us-east-1': 'iad', 'us-east-2': 'cmh', 'us-west-1': 'sfo', 'us-west-2': 'pdx', 'ca-central-1': 'yul', 'sa-east-1': 'gru',
  'eu-west-1': 'dub', 'eu-west-2': 'lhr', 'eu-west-3': 'cdg', 'eu-central-1': 'fra', 'eu-north-1': 'arn',
  'ap-northeast-1': 'nrt', 'ap-northeast-2': 'icn', 'ap-south-1': 'bom', 'ap-southeast-1': 'sin', 'ap-southeast-2': 'syd',
};
export const assetsBucket = (region: string) => `aws-cognito-prod-${AIRPORTS[region] ?? region}-assets`;

/** DescribeUserPoolDomain's DomainDescription. */
export function describeDomain(d: PoolDomainRecord, accountId: string, region: string): Wire<DomainDescriptionType> {
  return compact({
    UserPoolId: d.poolId,
    AWSAccountId: accountId,
    Domain: d.domain,
    S3Bucket: assetsBucket(region),
    CloudFrontDistribution: d.cloudFront,
    Version: domainVersion(d.lastModifiedAt),
    Status: 'ACTIVE' as const,
    CustomDomainConfig: d.certificateArn ? { CertificateArn: d.certificateArn } : undefined,
    ManagedLoginVersion: d.managedLoginVersion,
  });
}

/** Words AWS keeps out of prefix domains (developer guide, "Using the Amazon Cognito domain"). */
const RESERVED = ['aws', 'amazon', 'cognito'];

/** The name's kind, or Cognito's refusal: a prefix by AWS's pattern, a custom domain a host name. */
export function checkDomainName(domain: string, custom: boolean): void {
  if (custom) {
    if (!isCustomDomainName(domain)) throw invalidCustomDomain();
    return;
  }
  if (!isPrefixDomain(domain)) throw invalidPrefixDomain(PREFIX_PATTERN);
  const word = RESERVED.find((w) => domain.includes(w));
  if (word) throw reservedWordInDomain(word);
}

/** 1 (the classic hosted UI) when left out, as AWS's domains made before managed login are. */
export function managedLoginVersion(v: number | undefined, current = 1): number {
  if (v === undefined) return current;
  if (v !== 1 && v !== 2) throw invalidManagedLoginVersion();
  return v;
}

/** A CloudFront host name of AWS's form (`d` and 13 characters) from random bytes. */
export function cloudFrontHost(bytes: Buffer): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return `d${[...bytes.subarray(0, 13)].map((b) => alphabet[b % alphabet.length]).join('')}.cloudfront.net`;
}
