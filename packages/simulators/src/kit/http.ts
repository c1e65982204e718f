/**
 * Small request helpers shared by the CMMS, ERP and MES simulators of the second batch (Acumatica, Odoo,
 * Fiix, UpKeep, Limble, MaintainX, eMaint, Fishbowl, ServiceNow, PI Web API, Tulip, Coupa, Samsara).
 */
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/** `Authorization: Basic …` decoded at the first colon, or null. */
export function decodeBasic(header: string | undefined): { user: string; password: string } | null {
  if (header === undefined || !/^basic\s+/i.test(header)) return null;
  const text = Buffer.from(header.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? null : { user: text.slice(0, i), password: text.slice(i + 1) };
}

/** The token of `Authorization: Bearer …` (scheme case-insensitive), or null. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const m = /^bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/** Cookie header → name/value map. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** An opaque random token (session ids, API tokens issued by a login). */
export function opaqueToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Answer after `delayMs` (a credential that stands for a slow network path); answer at once when 0.
 * The timer is dropped when the client goes away, so a test's timeout leaves nothing running.
 */
export function answerAfter(res: Response, delayMs: number, send: () => void): void {
  if (delayMs <= 0) {
    send();
    return;
  }
  const t = setTimeout(() => {
    if (!res.destroyed && !res.headersSent) send();
  }, delayMs);
  res.on('close', () => clearTimeout(t));
}

/** Send JSON with an exact content type (products differ: `application/json; charset=utf-8`, …). */
export function sendJson(
  res: Response,
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
): void {
  res.status(status).type(contentType).send(JSON.stringify(body));
}

/** A generic web server's 404 page: what a wrong address (another product, a proxy) answers. */
export function notFoundHtml(res: Response): void {
  res
    .status(404)
    .type('text/html')
    .send(
      '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>',
    );
}
