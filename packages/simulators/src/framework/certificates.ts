import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/** A certificate the simulator serves, with what tests need to trust or pin it. */
export interface SimulatorCertificate {
  key: string;
  cert: string;
  /** The private CA's certificate, when the leaf was issued by one (`private-ca`). */
  ca?: string;
  /** SHA-256 of the leaf, uppercase AA:BB:… (what the user is asked to trust). */
  sha256: string;
}

export interface CertificateOptions {
  /** Common name and DNS name of the leaf. Default `localhost`. */
  commonName?: string;
  /** Extra DNS names and IP addresses in the subjectAltName. Default: localhost, 127.0.0.1, ::1. */
  altNames?: { dns?: string[]; ip?: string[] };
  /** Who signed it: the leaf itself, or a private CA generated alongside. */
  issuer?: 'self' | 'private-ca';
  notAfter?: Date;
  notBefore?: Date;
}

/**
 * Generate a certificate at runtime (EC P-256, SHA-256) the way on-prem servers often ship: self-signed, or
 * issued by the company's own CA. Uses `selfsigned` (WebCrypto under the hood, works on Node 20).
 */
export async function generateCertificate(opts: CertificateOptions = {}): Promise<SimulatorCertificate> {
  const cn = opts.commonName ?? 'localhost';
  const dns = opts.altNames?.dns ?? ['localhost'];
  const ips = opts.altNames?.ip ?? ['127.0.0.1', '::1'];
  const notBeforeDate = opts.notBefore ?? new Date(Date.now() - 60_000);
  const notAfterDate = opts.notAfter ?? new Date(Date.now() + 30 * 24 * 3600_000);
  const leafExtensions = [
    { name: 'basicConstraints' as const, cA: false },
    { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage' as const, serverAuth: true },
    {
      name: 'subjectAltName' as const,
      altNames: [
        ...dns.map((value) => ({ type: 2 as const, value })),
        ...ips.map((ip) => ({ type: 7 as const, ip })),
      ],
    },
  ];
  if (opts.issuer === 'private-ca') {
    const ca = await generate(
      [
        { name: 'commonName', value: 'Flange Simulators Private CA' },
        { name: 'organizationName', value: 'Acme Plant IT' },
      ],
      {
        keyType: 'ec',
        algorithm: 'sha256',
        notBeforeDate,
        notAfterDate,
        extensions: [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
        ],
      },
    );
    const leaf = await generate(
      [
        { name: 'commonName', value: cn },
        { name: 'organizationName', value: 'Acme Plant IT' },
      ],
      {
        keyType: 'ec',
        algorithm: 'sha256',
        notBeforeDate,
        notAfterDate,
        extensions: leafExtensions,
        ca: { key: ca.private, cert: ca.cert },
      },
    );
    return { key: leaf.private, cert: leaf.cert, ca: ca.cert, sha256: fingerprintOf(leaf.cert) };
  }
  const self = await generate(
    [
      { name: 'commonName', value: cn },
      { name: 'organizationName', value: 'Acme Plant IT' },
    ],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: leafExtensions,
    },
  );
  return { key: self.private, cert: self.cert, sha256: fingerprintOf(self.cert) };
}

/** Uppercase colon-separated SHA-256 of a PEM certificate. */
export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256.toUpperCase();
}
