import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { time } from './der.ts';
import { selfSignedCertificate } from './signing-certificate.ts';

describe('a pool\'s SAML signing certificate', () => {
  it('is an X.509 certificate node reads back, self-signed, for the pool, valid ten years from now', () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5);
    const { der, privateKeyPem } = selfSignedCertificate('us-east-1_AbC', now, Buffer.from('80aa01', 'hex'));
    const cert = new X509Certificate(der);
    assert.equal(cert.subject, 'O=Cognate\nCN=us-east-1_AbC');
    assert.equal(cert.issuer, cert.subject);
    assert.ok(cert.verify(cert.publicKey), 'signed by its own key');
    assert.equal(cert.serialNumber.replace(/^0+/, ''), '80AA01');
    assert.equal(new Date(cert.validFrom).getTime(), now);
    assert.equal(new Date(cert.validTo).getTime(), now + 10 * 365 * 24 * 3600_000);
    assert.match(privateKeyPem, /^-----BEGIN PRIVATE KEY-----/);
  });

  it('writes UTCTime through 2049 and GeneralizedTime from 2050 (RFC 5280)', () => {
    assert.equal(time(Date.UTC(2049, 11, 31, 23, 59, 59)).toString('ascii', 2), '491231235959Z');
    assert.equal(time(Date.UTC(2050, 0, 1)).toString('ascii', 2), '20500101000000Z');
    assert.equal(time(Date.UTC(2050, 0, 1))[0], 0x18);
  });
});
