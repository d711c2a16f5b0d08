/**
 * A remembered device's half of SRP for the benchmark, with the exponentiations done by OpenSSL
 * (srp-group.ts's modPow, the server's). The device's
 * proof is the client's real work: in JavaScript big integers (amazon-cognito-identity-js's, or
 * BigInt) it costs as much CPU as the server's side, and the load generator shares the server's
 * two cores. The arithmetic and encodings are amazon-cognito-identity-js's (AuthenticationHelper),
 * which test/support/device-srp.ts drives in the end-to-end tests.
 */
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { g, modPow, N } from '../src/services/passwords/srp-group.ts';

const toBig = (b: Buffer): bigint => (b.length ? BigInt(`0x${b.toString('hex')}`) : 0n);


/** The client's padHex: even length, "00" in front when the top bit is set. */
function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();
const hashPadded = (a: bigint, b: bigint) => toBig(sha256(Buffer.from(padHex(a) + padHex(b), 'hex')));
const k = hashPadded(N, g);

function computeX(realm: string, name: string, password: string, saltHex: string): bigint {
  const inner = sha256(`${realm}${name}:${password}`).toString('hex');
  return toBig(sha256(Buffer.from(padHex(BigInt(`0x${saltHex}`)) + inner, 'hex')));
}

export interface BenchDevice {
  username: string;
  key: string;
  groupKey: string;
  password: string;
  salt: string;
  /** x and g^x for the device's password: fixed, so computed once. */
  x: bigint;
  gx: bigint;
}

/** A new device's secret and ConfirmDevice's DeviceSecretVerifierConfig (base64). */
export function newDevice(username: string, key: string, groupKey: string): { device: BenchDevice; config: { PasswordVerifier: string; Salt: string } } {
  const password = randomBytes(40).toString('base64');
  const salt = padHex(toBig(randomBytes(16)));
  const x = computeX(groupKey, key, password, salt);
  const gx = modPow(g, x);
  return {
    device: { username, key, groupKey, password, salt, x, gx },
    config: { PasswordVerifier: Buffer.from(padHex(gx), 'hex').toString('base64'), Salt: Buffer.from(salt, 'hex').toString('base64') },
  };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The clients' TIMESTAMP: `ddd MMM D HH:mm:ss UTC YYYY`. */
function timestamp(d = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** SRP_A for DEVICE_SRP_AUTH, and the proof for DEVICE_PASSWORD_VERIFIER's parameters. */
export function deviceExchange(device: BenchDevice): { A: string; prove: (p: Record<string, string>) => Record<string, string> } {
  const a = toBig(randomBytes(128)) % N;
  const A = modPow(g, a);
  return {
    A: A.toString(16),
    prove(p) {
      const B = BigInt(`0x${p.SRP_B}`);
      const u = hashPadded(A, B);
      const base = (((B - k * device.gx) % N) + N) % N;
      const S = modPow(base, a + u * device.x);
      const key = Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), Buffer.from('Caldera Derived Key'), 16));
      const TIMESTAMP = timestamp();
      const signature = createHmac('sha256', key)
        .update(Buffer.concat([Buffer.from(device.groupKey), Buffer.from(device.key), Buffer.from(p.SECRET_BLOCK!, 'base64'), Buffer.from(TIMESTAMP)]))
        .digest('base64');
      return { USERNAME: p.USERNAME ?? device.username, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK!, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE: signature, DEVICE_KEY: device.key };
    },
  };
}
