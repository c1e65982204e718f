import type { Response } from 'express';

/**
 * Maximo message ids and texts. 7901E, 7878E, 9549E and 9301E are quoted in IBM's documentation (see
 * shared/reference/industrial-systems.md §3.1); 0021E is what an unauthenticated OSLC/REST call answers on
 * native authentication (community reports; treat as best knowledge).
 */
export const MESSAGES = {
  BMXAA0021E: { status: 401, text: 'User name and password combination are not valid. Try again.' },
  BMXAA7901E: { status: 401, text: 'You cannot log in at this time. Contact the system administrator.' },
  BMXAA7878E: {
    status: 401,
    text: 'Too many login attempts were made from this client. The client has been blocked. Contact the system administrator.',
  },
  BMXAA9549E: {
    status: 400,
    text: 'The API key token is invalid. Either the token may have expired or the token has been revoked by the administrator.',
  },
  BMXAA9301E: {
    status: 400,
    text: 'The user of the transaction is not authorized for Object Structure {0}.',
  },
} as const;

export type MessageId = keyof typeof MESSAGES;

/**
 * Send a Maximo error. The REST API (`/maximo/api`, or `lean=1`) answers `{"Error":{…}}`; the OSLC API
 * without `lean=1` answers the namespaced `{"oslc:Error":{…}}` form. statusCode is a string, as Maximo sends it.
 */
export function sendError(
  res: Response,
  opts: { id: MessageId; lean: boolean; base: string; arg?: string; attr?: string },
) {
  const m = MESSAGES[opts.id];
  const message = `${opts.id} - ${m.text.replace('{0}', opts.arg ?? '')}`;
  const moreInfo = `${opts.base}/error/messages/${opts.id}`;
  const body = opts.lean
    ? {
        Error: {
          errorattrname: opts.attr ?? '',
          extendedError: { moreInfo: { href: moreInfo } },
          errorobjpath: '',
          correlationid: null,
          reasonCode: opts.id,
          message,
          statusCode: String(m.status),
        },
      }
    : {
        'oslc:Error': {
          'oslc:statusCode': String(m.status),
          'spi:reasonCode': opts.id,
          'oslc:message': message,
          'oslc:extendedError': { 'oslc:moreInfo': { 'rdf:resource': moreInfo } },
        },
      };
  res.status(m.status).type('application/json;charset=UTF-8').send(JSON.stringify(body));
}

/** A one-page collection, lean (`member`) or namespaced (`rdfs:member`). */
export function collection(
  records: Record<string, string | number>[],
  opts: { lean: boolean; href: string; key: string },
) {
  if (opts.lean) {
    return {
      member: records.map((r) => ({
        href: `${opts.href}/_${Buffer.from(String(r[opts.key])).toString('base64url')}`,
        ...r,
      })),
      responseInfo: { href: opts.href, pagenum: 1 },
    };
  }
  return {
    'rdfs:member': records.map((r) => ({
      'rdf:about': `${opts.href}/_${Buffer.from(String(r[opts.key])).toString('base64url')}`,
      ...Object.fromEntries(Object.entries(r).map(([k, v]) => [`spi:${k}`, v])),
    })),
    'oslc:responseInfo': { 'rdf:about': opts.href, 'oslc:pagenum': 1 },
  };
}
