/** The Checksum a SignatureV4 (@smithy/signature-v4) wants, for tests that sign requests: the server's own. */
export { Sha256 } from '../../src/ground/sha256.ts';
