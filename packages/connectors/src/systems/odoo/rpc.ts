import type { RequestSpec, Template } from '../../engine/definition';

/** A value spliced into a JSON text template: a JSON string from a form value, or a raw learned number. */
export const str = (name: string) => `@@str:${name}@@`;
export const raw = (name: string) => `@@raw:${name}@@`;

/**
 * A JSON body as a text template. JSON templates only produce strings, but Odoo's RPC wants the uid as a
 * number; here `raw('session_token')` becomes `{session_token}` unquoted and `str('login')` a JSON string.
 */
export function jsonText(value: unknown): Template {
  return JSON.stringify(value)
    .replace(/\{/g, '{{')
    .replace(/\}/g, '}}')
    .replace(/"@@raw:([a-z_]+)@@"/g, '{$1}')
    .replace(/"@@str:([a-z_]+)@@"/g, '"{$1|json}"');
}

/** `POST /jsonrpc` calling `service.method(*args)`. */
export function rpcCall(service: string, method: string, args: unknown[]): RequestSpec {
  return {
    method: 'POST',
    path: '/jsonrpc',
    body: {
      text: jsonText({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: 1 }),
      contentType: 'application/json',
    },
  };
}

/** `object.execute_kw(db, uid, password, model, method, args, kwargs)` with the learned uid. */
export function executeKw(
  model: string,
  method: string,
  args: unknown[],
  kwargs: Record<string, unknown>,
): RequestSpec {
  return rpcCall('object', 'execute_kw', [
    str('database'),
    raw('session_token'),
    str('password'),
    model,
    method,
    args,
    kwargs,
  ]);
}
