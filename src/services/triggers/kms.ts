/**
 * The code a CustomEmailSender / CustomSMSSender function receives, encrypted as Cognito
 * encrypts it: an AWS Encryption SDK message under the pool's KMS key (LambdaConfig.KMSKeyID),
 * base64. An unchanged function decrypts it with @aws-crypto/client-node and a KMS keyring.
 *
 * Without KMS (no `kms` setting, or no key id): development mode sends the code base64-encoded
 * in plain text and warns once; production mode refuses, so a code never leaves unencrypted.
 */
import type { KMS } from '@aws-crypto/client-node';
import type { KmsOptions } from '../../ground/config/functions.ts';

export class KmsNotConfigured extends Error {}

type ClientNode = typeof import('@aws-crypto/client-node');

interface Sdk {
  KMS: ClientNode['KMS'];
  KmsKeyringNode: ClientNode['KmsKeyringNode'];
  crypto: ReturnType<ClientNode['buildClient']>;
}

export interface CodeEncryptorOptions {
  kms?: KmsOptions;
  mode: 'development' | 'production';
  log: { warn(o: object, m?: string): void };
}

export class CodeEncryptor {
  private readonly opts: CodeEncryptorOptions;
  private readonly clients = new Map<string, KMS>();
  private sdk?: Promise<Sdk>;
  private warned = false;

  constructor(opts: CodeEncryptorOptions) {
    this.opts = opts;
  }

  /**
   * The Encryption SDK, imported at the first encryption rather than with this module: with its
   * KMS client it adds some 40 MB to a server whose pools may have no custom sender at all.
   */
  private load(): Promise<Sdk> {
    this.sdk ??= import('@aws-crypto/client-node').then((m) => ({
      KMS: m.KMS,
      KmsKeyringNode: m.KmsKeyringNode,
      crypto: m.buildClient(m.CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT),
    }));
    return this.sdk;
  }

  private client(sdk: Sdk, region: string): KMS {
    const kms = this.opts.kms!;
    const r = kms.region ?? region;
    let c = this.clients.get(r);
    if (!c) {
      c = new sdk.KMS({ region: r, ...(kms.endpoint ? { endpoint: kms.endpoint } : {}), ...(kms.credentials ? { credentials: kms.credentials } : {}) });
      this.clients.set(r, c);
    }
    return c;
  }

  /** The value for `request.code`. */
  async encrypt(code: string, keyId: string | undefined): Promise<string> {
    if (!this.opts.kms || !keyId) {
      const why = !this.opts.kms ? 'KMS is not configured (set "kms" in the config)' : 'the user pool has no LambdaConfig.KMSKeyID';
      if (this.opts.mode === 'production') throw new KmsNotConfigured(`${why}; a custom sender's code is never sent unencrypted`);
      if (!this.warned) {
        this.warned = true;
        this.opts.log.warn({}, `custom sender codes are sent base64-encoded in plain text, not encrypted: ${why} (development mode only)`);
      }
      return Buffer.from(code, 'utf8').toString('base64');
    }
    const sdk = await this.load();
    const keyring = new sdk.KmsKeyringNode({
      generatorKeyId: keyId,
      clientProvider: (region?: string) => this.client(sdk, region || this.opts.kms?.region || 'us-east-1'),
    });
    const { result } = await sdk.crypto.encrypt(keyring, code);
    return Buffer.from(result).toString('base64');
  }

  close(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}
