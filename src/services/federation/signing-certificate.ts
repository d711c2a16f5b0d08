/**
 * A pool's SAML signing certificate (GetSigningCertificate): a self-signed X.509 certificate over
 * an RSA key of the pool's own, made on first request, kept in the store with the private key
 * sealed under the master key, and the same for every instance (the first one stored wins).
 */
import { createSign, generateKeyPairSync } from 'node:crypto';
import type { Clock } from '../../ground/clock.ts';
import type { Random } from '../../ground/random.ts';
import type { Repositories } from '../../storage/store.ts';
import type { Sealer } from '../sealing/sealer.ts';
import { bitString, explicit, nullValue, oid, sequence, set, time, unsignedInteger, utf8 } from './der.ts';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';
/** AWS's pool certificates are valid for ten years. */
const VALIDITY_MS = 10 * 365 * 24 * 3600_000;

const purpose = (poolId: string) => `saml-signing-certificate:${poolId}`;

const name = (poolId: string) => sequence(set(sequence(oid(ORGANIZATION), utf8('Cognate'))), set(sequence(oid(COMMON_NAME), utf8(poolId))));

/** A new self-signed certificate for the pool, as DER, and its private key as PKCS#8 PEM. */
export function selfSignedCertificate(poolId: string, now: number, serial: Buffer): { der: Buffer; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const algorithm = sequence(oid(SHA256_WITH_RSA), nullValue());
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(serial),
    algorithm,
    name(poolId),
    sequence(time(now), time(now + VALIDITY_MS)),
    name(poolId),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = createSign('sha256').update(tbs).sign(privateKey);
  return { der: sequence(tbs, algorithm, bitString(signature)), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

type CertificateDeps = { repos: Pick<Repositories, 'secrets'>; clock: Clock; random: Random; sealer: Sealer };
interface StoredCertificate {
  certificate: string;
  privateKey: string;
}

/** The pool's stored certificate (made and stored the first time). */
async function stored(deps: CertificateDeps, poolId: string): Promise<StoredCertificate> {
  let list = await deps.repos.secrets.list(purpose(poolId));
  if (list.length === 0) {
    const now = deps.clock.now();
    // A positive serial of 16 random bytes (RFC 5280 4.1.2.2: at most 20 octets).
    const serial = Buffer.from(deps.random.bytes(16));
    serial[0] &= 0x7f;
    serial[0] |= 0x01;
    const made = selfSignedCertificate(poolId, now, serial);
    const sealedKey = deps.sealer.seal(JSON.stringify([poolId, made.privateKeyPem]), 'saml-signing-key');
    const secret = Buffer.from(JSON.stringify({ certificate: made.der.toString('base64'), privateKey: sealedKey }), 'utf8');
    await deps.repos.secrets.addIfAbsent(purpose(poolId), { id: 'generated-1', secret, createdAt: now });
    list = await deps.repos.secrets.list(purpose(poolId));
  }
  return JSON.parse(list[0].secret.toString('utf8')) as StoredCertificate;
}

/** The pool's certificate, base64 DER as GetSigningCertificate answers it; made and stored the first time. */
export async function poolSigningCertificate(deps: CertificateDeps, poolId: string): Promise<string> {
  return (await stored(deps, poolId)).certificate;
}

/** The pool's certificate and its private key (PKCS#8 PEM), to sign what the pool sends a SAML identity provider. */
export async function poolSigningKey(deps: CertificateDeps, poolId: string): Promise<{ certificate: string; privateKeyPem: string }> {
  const { certificate, privateKey } = await stored(deps, poolId);
  // The pool id is sealed with the key: a row copied to another pool's purpose does not sign for it.
  const [forPool, privateKeyPem] = JSON.parse(deps.sealer.open(privateKey, 'saml-signing-key')) as [string, string];
  if (forPool !== poolId) throw new Error(`the SAML signing key stored for ${poolId} is another pool's`);
  return { certificate, privateKeyPem };
}
