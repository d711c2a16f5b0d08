/**
 * Threat protection's rules (docs/threat-protection.md): whether a pool has it on, the risk
 * configuration SetRiskConfiguration keeps, the address ranges, and the risk Cognate gives a
 * sign-in. Pure: the recorder (services/threat) brings the history and the request.
 */
import type {
  AccountTakeoverEventActionType, AccountTakeoverRiskConfigurationType, CompromisedCredentialsRiskConfigurationType, EventFilterType, RiskExceptionConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import { BlockList, isIP } from 'node:net';
import { invalidIpRange } from '../errors/index.ts';
import type { RiskDecision, RiskLevel } from './auth-event.ts';
import type { PoolConfig } from './pool.ts';

export type ThreatMode = 'OFF' | 'AUDIT' | 'ENFORCED';

/**
 * The pool's mode: its AdvancedSecurityMode when set; a PLUS pool that names none audits (it
 * records events and takes no action), so the feature plan alone turns the event history on.
 */
export function threatMode(pool: PoolConfig): ThreatMode {
  const mode = pool.UserPoolAddOns?.AdvancedSecurityMode;
  if (mode === 'AUDIT' || mode === 'ENFORCED' || mode === 'OFF') return mode;
  return pool.UserPoolTier === 'PLUS' ? 'AUDIT' : 'OFF';
}

/** What SetRiskConfiguration stored, pool-wide (`clientId` null) or for one app client. */
export interface RiskConfiguration {
  poolId: string;
  clientId: string | null;
  compromisedCredentials?: CompromisedCredentialsRiskConfigurationType;
  accountTakeover?: AccountTakeoverRiskConfigurationType;
  exceptions?: RiskExceptionConfigurationType;
  lastModifiedAt: number;
}

/** A CIDR range (or a bare address) as BlockList takes it; undefined when it is neither. */
function parseRange(range: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address, bits, extra] = range.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return undefined;
  const max = family === 6 ? 128 : 32;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return undefined;
  return { address, prefix, family: family === 6 ? 'ipv6' : 'ipv4' };
}

/** SetRiskConfiguration refuses a range that is not CIDR notation. */
export function checkRanges(exceptions: RiskExceptionConfigurationType | undefined): void {
  for (const r of [...(exceptions?.BlockedIPRangeList ?? []), ...(exceptions?.SkippedIPRangeList ?? [])]) {
    if (!parseRange(r)) throw invalidIpRange(r);
  }
}

/** Whether `ip` falls in one of `ranges` (stored ranges were checked when set). */
export function inRanges(ip: string, ranges: string[] | undefined): boolean {
  if (!ranges?.length || !isIP(ip)) return false;
  const list = new BlockList();
  for (const r of ranges) {
    const p = parseRange(r);
    if (p) list.addSubnet(p.address, p.prefix, p.family);
  }
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/** What the user's earlier successful sign-ins came from. */
export interface SignInHistory {
  ips: Set<string>;
  devices: Set<string>;
}

/**
 * The risk of a sign-in whose password (or other first factor) was right, from the two signals
 * Cognate has: the address and the device (the User-Agent's browser and system), each compared
 * with the user's earlier successful sign-ins. No history: nothing to compare with, no risk.
 * A new address and a new device: High; a new address: Medium; a new device: Low.
 */
export function signInRisk(history: SignInHistory, ip: string, device: string): RiskLevel | null {
  if (!history.ips.size) return null;
  const newIp = !history.ips.has(ip);
  const newDevice = !history.devices.has(device);
  if (newIp && newDevice) return 'High';
  if (newIp) return 'Medium';
  if (newDevice) return 'Low';
  return null;
}

/** The account-takeover action configured for a level; none configured: NO_ACTION without notice. */
export function takeoverAction(config: RiskConfiguration | undefined, level: RiskLevel | null): { action: AccountTakeoverEventActionType; notify: boolean } {
  const actions = config?.accountTakeover?.Actions;
  const a = level === 'High' ? actions?.HighAction : level === 'Medium' ? actions?.MediumAction : level === 'Low' ? actions?.LowAction : undefined;
  return { action: a?.EventAction ?? 'NO_ACTION', notify: !!a?.Notify };
}

/** Whether the compromised-credentials check applies to this kind of event, and blocks. AWS's default filter is every event. */
export function compromisedAction(config: RiskConfiguration | undefined, filter: EventFilterType): 'BLOCK' | 'NO_ACTION' | undefined {
  const c = config?.compromisedCredentials;
  if (!c) return undefined;
  const filters = c.EventFilter?.length ? c.EventFilter : ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'];
  if (!filters.includes(filter)) return undefined;
  return c.Actions?.EventAction ?? 'NO_ACTION';
}

/** The decision an event shows: Block when refused, AccountTakeover when a level's action applied, else NoRisk. */
export function riskDecision(blocked: boolean, level: RiskLevel | null): RiskDecision {
  if (blocked) return 'Block';
  return level ? 'AccountTakeover' : 'NoRisk';
}

/**
 * A device's name from its User-Agent: the browser (or SDK) and the system, e.g. "Chrome, Windows"
 * or "aws-sdk-js, Linux"; "Unknown" when it says nothing recognisable.
 */
export function deviceName(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = [/Edg\//, /OPR\//, /Firefox\//, /Chrome\//, /Safari\//].find((re) => re.test(ua));
  const names: Record<string, string> = { 'Edg/': 'Edge', 'OPR/': 'Opera', 'Firefox/': 'Firefox', 'Chrome/': 'Chrome', 'Safari/': 'Safari' };
  const client = browser ? names[browser.source.replace('\\/', '/')] : (/^([\w.-]+)\//.exec(ua)?.[1] ?? '');
  const system = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad|iOS/.test(ua) ? 'iOS'
    : /Mac OS X|macOS|darwin/i.test(ua) ? 'macOS' : /Linux|linux/.test(ua) ? 'Linux' : '';
  const name = [client, system].filter(Boolean).join(', ');
  return name ? name.slice(0, 100) : 'Unknown';
}
