import { loadConfig } from '../app/config/load.ts';
import { resealConfigured, type ResealCount, type ResealReport } from '../app/reseal.ts';

/** `cognate reseal`: seals what the store keeps under the current master key (see docs/deployment.md, rotating the master key). */

export const resealHelp = `  cognate reseal [flags of serve]
                            seal every password record, TOTP secret, device verifier, passkey
                            public key, identity provider secret and signing key under the
                            current master key
                            (--master-key), opening them with any configured key`;

const line = (what: string, c: ResealCount) =>
  `${what}: ${c.resealed} sealed anew${c.wereClear ? ` (${c.wereClear} of them were in clear)` : ''}, ${c.current} already under it${c.unopenable ? `, ${c.unopenable} under a key that is not configured` : ''}\n`;

export function describeReseal(r: ResealReport): string {
  return `current master key: ${r.currentKeyId}\n` +
    line('password records', r.passwords) +
    line('TOTP secrets', r.totpSecrets) +
    line('device verifiers', r.deviceVerifiers) +
    line('passkey public keys', r.passkeyPublicKeys) +
    line('identity provider secrets', r.providerSecrets) +
    line('signing keys', r.signingKeys) +
    `messages waiting to be delivered: ${r.undeliveredMessages}` +
    (r.undeliveredMessages ? ' (each stays under the key it was sealed with until it is delivered or given up)\n' : '\n');
}

export async function resealCommand(argv: string[]): Promise<number> {
  const report = await resealConfigured(loadConfig(argv, process.env));
  process.stdout.write(describeReseal(report));
  if (report.missingKeyIds.length === 0) return 0;
  process.stderr.write(`cognate reseal: some values are sealed under master keys that are not configured (${report.missingKeyIds.join(', ')}); add them to previousMasterKeys and run again\n`);
  return 1;
}
