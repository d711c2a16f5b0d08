/**
 * Passkeys (WebAuthn credentials) as the store keeps them, and the pure rules around them: the
 * pool's relying party, which origins may use it, and how a passkey is described to its user.
 */
import type { WebAuthnCredentialDescription } from '@aws-sdk/client-cognito-identity-provider';
import type { PoolConfig } from './pool.ts';
import { compact, epochSeconds, type Wire } from './wire.ts';

/** A registered passkey of a user. */
export interface PasskeyRecord {
  poolId: string;
  /** The user's sub. */
  sub: string;
  /** The credential id, base64url, as the authenticator made it. */
  credentialId: string;
  /**
   * The COSE public key with what it belongs to (sub, credential id), sealed under the master key:
   * not a secret, but a key swapped in the store, or moved from another row, does not open.
   */
  publicKey: string;
  /** The authenticator's signature counter when last seen (0: the authenticator keeps none). */
  counter: number;
  transports: string[];
  /** `platform` or `cross-platform`, when the browser said. */
  attachment?: string;
  friendlyName: string;
  relyingPartyId: string;
  createdAt: number;
}

/** Most passkeys a user may register: one ListWebAuthnCredentials page (MaxResults is at most 20). */
export const MAX_PASSKEYS_PER_USER = 20;

export type UserVerification = 'required' | 'preferred';

/** What SetUserPoolMfaConfig's WebAuthnConfiguration sets, kept with the pool's MFA settings (domain/mfa.ts). */
export interface WebAuthnSettings {
  RelyingPartyId?: string;
  UserVerification?: UserVerification;
  FactorConfiguration?: string;
}

export const webAuthnSettings = (config: PoolConfig): WebAuthnSettings => (config.MfaSettings?.WebAuthn as WebAuthnSettings | undefined) ?? {};

/** Passkeys are offered only by pools that allow them as a first factor (AWS: Essentials tier or higher). */
export function passkeysEnabled(config: PoolConfig): boolean {
  return config.UserPoolTier !== 'LITE' && (config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? []).includes('WEB_AUTHN');
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);
const IP = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/**
 * The pool's relying party id: the one WebAuthnConfiguration sets, else the host of Cognate's
 * issuer URL (AWS defaults to the pool's domain, which Cognate does not have), with a loopback
 * address read as `localhost` (browsers take no IP address as an RP id). Undefined when neither
 * gives a domain name (AWS: WebAuthnConfigurationMissingException).
 */
export function relyingPartyId(config: PoolConfig, issuerUrl: string): string | undefined {
  const set = webAuthnSettings(config).RelyingPartyId;
  if (set) return set.toLowerCase();
  const host = new URL(issuerUrl).hostname.toLowerCase();
  if (LOOPBACK.has(host)) return 'localhost';
  return IP.test(host) ? undefined : host;
}

/**
 * Whether a browser origin may use the relying party `rpId`: the RP id is the origin's host or a
 * parent domain of it (the rule browsers themselves apply), over https; for `localhost`, http on any
 * port too, as browsers treat it as a secure context.
 */
export function originAllowed(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const host = url.hostname.toLowerCase();
  const inScope = host === rpId || host.endsWith(`.${rpId}`);
  if (!inScope) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && (host === 'localhost' || host.endsWith('.localhost')));
}

/**
 * Names of well-known passkey providers by AAGUID; AWS names a passkey itself ("an
 * automatically-generated friendly name"), and the provider is what tells a user's passkeys apart.
 */
const PROVIDERS: Record<string, string> = {
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'adce0002-35bc-c60a-648b-0b25f1f05503': 'Chrome on Mac',
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'iCloud Keychain',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
};

export function friendlyName(aaguid: string, attachment: string | undefined): string {
  const provider = PROVIDERS[aaguid.toLowerCase()];
  if (provider) return `${provider} passkey`;
  return attachment === 'cross-platform' ? 'Security key' : 'Passkey';
}

/** A passkey as ListWebAuthnCredentials describes it. */
export function describePasskey(p: PasskeyRecord): Wire<WebAuthnCredentialDescription> {
  return compact({
    CredentialId: p.credentialId,
    FriendlyCredentialName: p.friendlyName,
    RelyingPartyId: p.relyingPartyId,
    AuthenticatorAttachment: p.attachment,
    AuthenticatorTransports: p.transports,
    CreatedAt: epochSeconds(p.createdAt),
  });
}
