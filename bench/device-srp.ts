/**
 * A remembered device's half of SRP for the benchmark, with the exponentiations done by OpenSSL
 * (a Diffie-Hellman object over the SRP group computes base^exponent mod N natively). The device's
 * proof is the client's real work: in JavaScript big integers (amazon-cognito-identity-js's, or
 * BigInt) it costs as much CPU as the server's side, and the load generator shares the server's
 * two cores. The arithmetic and encodings are amazon-cognito-identity-js's (AuthenticationHelper),
 * which test/support/device-srp.ts drives in the end-to-end tests.
 */
import { createDiffieHellman, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B2251' +
  '4A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C' +
  '42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007C' +
  'B8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED52907' +
  '7096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC' +
  '07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAA' +
  'C42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4' +
  'C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64' +
  '521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B' +
  '82D120A93AD2CAFFFFFFFFFFFFFFFF';
const N = BigInt(`0x${N_HEX}`);
const N_BYTES = Buffer.from(N_HEX, 'hex');
const g = 2n;

const toBuf = (n: bigint): Buffer => {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};
const toBig = (b: Buffer): bigint => (b.length ? BigInt(`0x${b.toString('hex')}`) : 0n);

/** base^exponent mod N, in OpenSSL. */
function modPowN(base: bigint, exponent: bigint): bigint {
  const dh = createDiffieHellman(N_BYTES, toBuf(base));
  dh.setPrivateKey(toBuf(exponent));
  return toBig(dh.generateKeys());
}

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
  const gx = modPowN(g, x);
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
  const A = modPowN(g, a);
  return {
    A: A.toString(16),
    prove(p) {
      const B = BigInt(`0x${p.SRP_B}`);
      const u = hashPadded(A, B);
      const base = (((B - k * device.gx) % N) + N) % N;
      const S = modPowN(base, a + u * device.x);
      const key = Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), Buffer.from('Caldera Derived Key'), 16));
      const TIMESTAMP = timestamp();
      const signature = createHmac('sha256', key)
        .update(Buffer.concat([Buffer.from(device.groupKey), Buffer.from(device.key), Buffer.from(p.SECRET_BLOCK!, 'base64'), Buffer.from(TIMESTAMP)]))
        .digest('base64');
      return { USERNAME: p.USERNAME ?? device.username, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK!, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE: signature, DEVICE_KEY: device.key };
    },
  };
}
