/**
 * The Checksum @smithy/signature-v4 wants (SHA-256, or HMAC-SHA256 when given a secret), over
 * node:crypto: the console signs its calls as an administrator's client would, and tests sign theirs.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

const bytes = (d: ArrayBuffer | ArrayBufferView) => (ArrayBuffer.isView(d) ? Buffer.from(d.buffer, d.byteOffset, d.byteLength) : Buffer.from(d));

export class Sha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(typeof data === 'string' ? data : bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {}
}
