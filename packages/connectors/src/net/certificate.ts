import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import type { CertificateInfo } from '@flange/protocol';

/** TLS verification codes that mean "we do not trust who this is", as opposed to a broken handshake. */
export const UNTRUSTED_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** The certificate as we show it: uppercase colon-separated SHA-256, subject, issuer, validity. */
export function toCertificateInfo(cert: PeerCertificate | DetailedPeerCertificate): CertificateInfo {
  const detailed = cert as Partial<DetailedPeerCertificate>;
  const issuerCert = detailed.issuerCertificate;
  const subject = formatName(cert.subject);
  const issuer = formatName(cert.issuer);
  const selfSigned =
    issuerCert !== undefined && issuerCert !== null
      ? issuerCert.fingerprint256 === cert.fingerprint256
      : subject === issuer;
  return {
    sha256: normalizeFingerprint(cert.fingerprint256),
    subject,
    issuer,
    valid_from: toIso(cert.valid_from),
    valid_to: toIso(cert.valid_to),
    self_signed: selfSigned,
  };
}

/** `aa:bb…` or `AABB…` → `AA:BB:…`; empty string when it is not 32 bytes of hex. */
export function normalizeFingerprint(fp: string): string {
  const hex = fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length !== 64) return '';
  return hex.match(/../g)!.join(':');
}

function formatName(name: Record<string, string | string[] | undefined> | undefined): string {
  if (name === undefined || name === null) return '';
  return Object.entries(name)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

function toIso(text: string): string {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}
