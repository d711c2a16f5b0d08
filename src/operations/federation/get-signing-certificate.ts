import type { GetSigningCertificateRequest, GetSigningCertificateResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Wire } from '../../domain/wire.ts';
import { poolSigningCertificate } from '../../services/federation/signing-certificate.ts';
import { poolOperation } from '../operation.ts';

/** The pool's SAML signing certificate, base64 DER (no PEM armour), made on the first request. */
export default poolOperation<GetSigningCertificateRequest, Wire<GetSigningCertificateResponse>, 'store' | 'clock' | 'random' | 'sealer'>('GetSigningCertificate', async ({ store, clock, random, sealer }, _input, ctx) => {
  return { Certificate: await poolSigningCertificate({ repos: store, clock, random, sealer }, ctx.pool.id) };
});
