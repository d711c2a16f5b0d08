// The server half of Cognito's SRP-6a variant (USER_SRP_AUTH → PASSWORD_VERIFIER).
// Every encoding choice below mirrors amazon-cognito-identity-js (AuthenticationHelper,
// CognitoUser, DateHelper), since that client (and Amplify) must interoperate with us.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes as cryptoRandomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { g, modPow, N } from './srp-group.ts';

export interface SrpVerifier { salt: string /* hex */; verifier: string /* hex */ }
export interface ServerChallenge { b: string /* hex, secret: caller keeps it server-side */; B: string /* hex */ }
export type ClaimResult = { ok: true } | { ok: false; reason: 'bad-A' | 'bad-signature' | 'bad-timestamp' };
export interface ClaimInput {
  poolId: string;
  /**
   * The name hashed before the user's: the pool's name (its id after the `_`) by default; a
   * device's group key for a remembered device's proof (DEVICE_PASSWORD_VERIFIER), where the
   * client puts the group key in the pool name's place and the device key in the user's.
   */
  realm?: string;
  /** The USER_ID_FOR_SRP the server issued (take it from server-side state, not from the client). */
  userIdForSrp: string;
  /** Not needed by the server's computation (x is folded into the verifier); kept for the record. */
  salt: string;
  verifier: string;
  b: string;
  B: string;
  A: string;
  secretBlock: string /* base64 */;
  timestamp: string;
  signature: string /* base64 */;
  now: Date;
  toleranceMs?: number;
}

type RandomBytes = (n: number) => Buffer;

const SALT_BYTES = 16;
/** Server secret exponent size; 256 bytes as recommended (32 would meet 128-bit security at ~1/8 the cost). */
const SERVER_SECRET_BYTES = 256;
const MAX_A_HEX_CHARS = 1024; // N has 768; refuse absurd inputs before doing bigint work
const DEFAULT_TOLERANCE_MS = 5 * 60_000;
const HKDF_INFO = Buffer.from('Caldera Derived Key', 'utf8');
const SEAL_AAD = Buffer.from('cognate/srp-state/v1', 'utf8');

/**
 * The client's padHex for non-negative values: the minimal two's-complement byte string
 * (even length; "00" prepended when the top bit is set). Not fixed-width.
 */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();
const hexToBuffer = (hex: string): Buffer => Buffer.from(hex, 'hex');
const bufferToBigInt = (buf: Buffer): bigint => (buf.length === 0 ? 0n : BigInt(`0x${buf.toString('hex')}`));
/** H(PAD(a) | PAD(b)) as a bigint. */
const hashPadded = (a: bigint, b: bigint): bigint => bufferToBigInt(sha256(hexToBuffer(padHex(a) + padHex(b))));

const k = hashPadded(N, g);

function parseHex(hex: string, maxChars = Number.POSITIVE_INFINITY): bigint | undefined {
  if (typeof hex !== 'string' || hex.length === 0 || hex.length > maxChars || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  return BigInt(`0x${hex}`);
}

function requireHex(name: string, hex: string): bigint {
  const n = parseHex(hex);
  if (n === undefined) throw new Error(`srp: ${name} is not a hex string`);
  return n;
}

/** The client's getUserPoolName(): the second `_`-separated part of the pool id. */
function poolNameOf(poolId: string): string {
  const name = poolId.split('_')[1];
  if (!name) throw new Error(`srp: pool id ${JSON.stringify(poolId)} has no name part`);
  return name;
}

function computeX(poolId: string, username: string, password: string, salt: string): bigint {
  // The client hashes the salt as it parsed it (BigInteger(SALT, 16)), so leading zero bytes vanish.
  const inner = sha256(`${poolNameOf(poolId)}${username}:${password}`).toString('hex');
  return bufferToBigInt(sha256(hexToBuffer(padHex(requireHex('salt', salt)) + inner)));
}

/** What to store when a password is set. `username` must be the future USER_ID_FOR_SRP. */
export function createVerifier(
  poolId: string,
  username: string,
  password: string,
  randomBytes: RandomBytes = cryptoRandomBytes,
): SrpVerifier {
  const salt = randomBytes(SALT_BYTES).toString('hex');
  const verifier = modPow(g, computeX(poolId, username, password, salt));
  return { salt, verifier: verifier.toString(16) };
}

/**
 * Whether a verifier a client sent (ConfirmDevice) can take part in an exchange: hex of a value
 * strictly between 1 and N (0 or 1 would let anyone answer; N or more is no group element).
 */
export function isUsableVerifier(hex: string): boolean {
  const v = parseHex(hex, MAX_A_HEX_CHARS);
  return v !== undefined && v > 1n && v < N;
}

/**
 * Whether a client's A can take part in an exchange: hex of at most N's size (a longer one is
 * refused before any bigint work, and before anything is stored), not 0 mod N.
 */
export function isValidClientA(hex: string): boolean {
  const A = parseHex(hex, MAX_A_HEX_CHARS);
  return A !== undefined && A % N !== 0n;
}

/** B = (k·v + g^b) mod N for a fresh secret b. SRP_B is `B`; `b` never leaves the server unsealed. */
export function startServerChallenge(verifier: string, randomBytes: RandomBytes = cryptoRandomBytes): ServerChallenge {
  const v = requireHex('verifier', verifier);
  for (;;) {
    const b = bufferToBigInt(randomBytes(SERVER_SECRET_BYTES)) % N;
    if (b === 0n) continue;
    const B = (k * v + modPow(g, b)) % N;
    if (B !== 0n) return { b: b.toString(16), B: B.toString(16) };
  }
}

/** Strict base64: only the exact encoding Buffer would produce (standard alphabet, padded). */
function decodeCanonicalBase64(s: string): Buffer | undefined {
  if (typeof s !== 'string') return undefined;
  const buf = Buffer.from(s, 'base64');
  return buf.toString('base64') === s ? buf : undefined;
}

/** Checks PASSWORD_CLAIM_SIGNATURE. Cheap checks first; the bigint work only runs on a plausible claim. */
export function verifyClaim(input: ClaimInput): ClaimResult {
  const A = parseHex(input.A, MAX_A_HEX_CHARS);
  if (A === undefined || A % N === 0n || A >= N) return { ok: false, reason: 'bad-A' };
  const sent = parseSrpTimestamp(input.timestamp);
  const tolerance = input.toleranceMs ?? DEFAULT_TOLERANCE_MS;
  if (sent === undefined || Math.abs(input.now.getTime() - sent.getTime()) > tolerance) {
    return { ok: false, reason: 'bad-timestamp' };
  }
  const secretBlock = decodeCanonicalBase64(input.secretBlock);
  const signature = decodeCanonicalBase64(input.signature);
  if (secretBlock === undefined || signature === undefined || signature.length !== 32) {
    return { ok: false, reason: 'bad-signature' };
  }

  const B = requireHex('B', input.B);
  const b = requireHex('b', input.b);
  const v = requireHex('verifier', input.verifier);
  const u = hashPadded(A, B);
  if (u === 0n) return { ok: false, reason: 'bad-A' };
  const S = modPow(A * modPow(v, u), b);
  // The client's computehkdf is single-block HKDF-SHA256 (extract with salt PAD(u), expand
  // with info || 0x01), truncated to 16 bytes: exactly RFC 5869 with L = 16.
  const key = Buffer.from(hkdfSync('sha256', hexToBuffer(padHex(S)), hexToBuffer(padHex(u)), HKDF_INFO, 16));
  const expected = createHmac('sha256', key)
    .update(Buffer.from(input.realm ?? poolNameOf(input.poolId), 'utf8'))
    .update(Buffer.from(input.userIdForSrp, 'utf8'))
    .update(secretBlock)
    .update(Buffer.from(input.timestamp, 'utf8'))
    .digest();
  return timingSafeEqual(signature, expected) ? { ok: true } : { ok: false, reason: 'bad-signature' };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP_RE =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$/;
const two = (n: number): string => String(n).padStart(2, '0');

/** The client's `ddd MMM D HH:mm:ss UTC YYYY` (day of month not padded), e.g. `Tue Nov 3 02:13:09 UTC 2026`. */
export function formatSrpTimestamp(d: Date): string {
  return (
    `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
  );
}

/** Strict inverse of formatSrpTimestamp; undefined unless the text is exactly what it would produce. */
export function parseSrpTimestamp(text: string): Date | undefined {
  const m = typeof text === 'string' ? TIMESTAMP_RE.exec(text) : null;
  if (!m) return undefined;
  const [, , month, day, hh, mm, ss, year] = m;
  const d = new Date(Date.UTC(Number(year), MONTHS.indexOf(month), Number(day), Number(hh), Number(mm), Number(ss)));
  // Round-tripping rejects impossible dates (Feb 30), wrong weekdays and years Date.UTC remaps (0–99).
  return formatSrpTimestamp(d) === text ? d : undefined;
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('srp: the state key must be 32 bytes (AES-256)');
}

/** AES-256-GCM: base64(iv[12] | tag[16] | ciphertext) of JSON(state). Usable as SECRET_BLOCK. */
export function sealState(key: Buffer, state: object, randomBytes: RandomBytes = cryptoRandomBytes): string {
  checkKey(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(SEAL_AAD);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

/** The state sealed under `key`, or undefined if it was sealed under another key, altered or malformed. */
export function openState<T>(key: Buffer, sealed: string): T | undefined {
  checkKey(key);
  const buf = decodeCanonicalBase64(sealed);
  if (buf === undefined || buf.length < 12 + 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12), { authTagLength: 16 });
    decipher.setAAD(SEAL_AAD);
    decipher.setAuthTag(buf.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
