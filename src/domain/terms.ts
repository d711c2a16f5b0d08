/**
 * Terms documents: an app client's links to its terms of use and privacy policy, by language,
 * which the managed login pages show. TermsName is one of the two (the model's pattern), so a
 * client has at most one of each.
 */
import type { TermsDescriptionType, TermsType } from '@aws-sdk/client-cognito-identity-provider';
import { termsLinkNotHttps } from '../errors/index.ts';
import { epochSeconds, type Wire } from './wire.ts';

export interface TermsRecord {
  /** A version-4 UUID (the model's TermsIdType). */
  id: string;
  poolId: string;
  clientId: string;
  name: string;
  source: string;
  enforcement: string;
  /** Language tag (cognito:default, cognito:english, ...) to URL. */
  links: Record<string, string>;
  createdAt: number;
  lastModifiedAt: number;
}

const LABELS: Record<string, string> = { 'terms-of-use': 'Terms of use', 'privacy-policy': 'Privacy policy' };

/**
 * Whether a URL may be a page's link: https, or http to this machine (a developer's own server).
 * A pool's administrator writes it and anyone's browser follows it, so never javascript: or data:.
 */
export function isSafeLink(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

/** Every link an https URL (the model has checked the language tags and the URLs' length). */
export function checkLinks(links: Record<string, string>): Record<string, string> {
  for (const [language, url] of Object.entries(links)) if (!isSafeLink(url)) throw termsLinkNotHttps(language);
  return { ...links };
}

/**
 * The links a client's pages show. "You must provide both types of terms documents in at least one
 * language before Amazon Cognito displays your terms documents" (the API reference's CreateTerms):
 * with only one, none. The pages are English, so English's link, else the default's.
 */
export function pageTermsLinks(terms: TermsRecord[]): { name: string; href: string }[] {
  const out: { name: string; href: string }[] = [];
  for (const name of Object.keys(LABELS)) {
    const t = terms.find((x) => x.name === name);
    const href = t && (t.links['cognito:english'] ?? t.links['cognito:default']);
    if (!href || !isSafeLink(href)) return [];
    out.push({ name: LABELS[name], href });
  }
  return out;
}

export function describeTerms(r: TermsRecord): Wire<TermsType> {
  return {
    TermsId: r.id,
    UserPoolId: r.poolId,
    ClientId: r.clientId,
    TermsName: r.name,
    TermsSource: r.source as TermsType['TermsSource'],
    Enforcement: r.enforcement as TermsType['Enforcement'],
    Links: { ...r.links },
    CreationDate: epochSeconds(r.createdAt),
    LastModifiedDate: epochSeconds(r.lastModifiedAt),
  };
}

export function summarizeTerms(r: TermsRecord): Wire<TermsDescriptionType> {
  return {
    TermsId: r.id,
    TermsName: r.name,
    Enforcement: r.enforcement as TermsDescriptionType['Enforcement'],
    CreationDate: epochSeconds(r.createdAt),
    LastModifiedDate: epochSeconds(r.lastModifiedAt),
  };
}
