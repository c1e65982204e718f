import { createHmac } from 'node:crypto';
import type { HookContext, PreparedRequest } from '../../engine/definition';

/**
 * Fiix request signing [V: Fiix's no-SDK guide and its SDKs]: every call carries `action`, `service=cmms`,
 * the access and application keys, a millisecond `timestamp`, `signatureVersion=1` and
 * `signatureMethod=HmacSHA256` in the query; the `Authorization` header is the lowercase hex HMAC-SHA256 of
 * the whole URL without its scheme, keyed with the secret key.
 */
export function signFiixRequest(req: PreparedRequest, ctx: HookContext): PreparedRequest {
  const url = new URL(req.url);
  let action = 'FindRequest';
  try {
    const cls = (JSON.parse(req.body ?? '{}') as Record<string, unknown>)['_maCn'];
    if (typeof cls === 'string' && /^[A-Za-z]+$/.test(cls)) action = cls;
  } catch {
    // A body that is not JSON is not a Fiix request; Fiix will refuse it on its own.
  }
  const params = new URLSearchParams();
  params.set('action', action);
  params.set('service', 'cmms');
  params.set('accessKey', ctx.values['access_key'] ?? '');
  params.set('appKey', ctx.values['app_key'] ?? '');
  params.set('timestamp', String(Math.round(ctx.now())));
  params.set('signatureVersion', '1');
  params.set('signatureMethod', 'HmacSHA256');
  url.search = params.toString();
  const signed = url.href;
  const signature = createHmac('sha256', ctx.values['secret_key'] ?? '')
    .update(signed.replace(/^https?:\/\//, ''))
    .digest('hex');
  return {
    ...req,
    url: signed,
    headers: { ...req.headers, authorization: signature, 'content-type': 'text/plain' },
  };
}

/** The tenant is the first label of `{tenant}.macmms.com`. */
export function prepareFiix(ctx: HookContext): void {
  try {
    ctx.vars['tenant'] = new URL(ctx.values['instance_url'] ?? '').hostname.split('.')[0] ?? '';
  } catch {
    ctx.vars['tenant'] = '';
  }
}
