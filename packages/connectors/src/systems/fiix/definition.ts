import type { FieldSpec } from '@flange/protocol';
import { defineConnector } from '../../engine/definition';
import type { EntitySpec, Predicate, RequestSpec } from '../../engine/definition';
import { API_KEYS_GUIDE, CLOCK_GUIDANCE, KEYS_GUIDANCE, PERMISSION_GUIDANCE } from './guidance';
import { prepareFiix, signFiixRequest } from './signing';

/**
 * Fiix (Rockwell Automation): HMAC-signed requests to `https://{tenant}.macmms.com/api/` (industrial-
 * systems.md §1 row 30). Every call is a POST with a JSON body in `text/plain`; failures come back as HTTP
 * 200 with an `error` object, so success is "no error". Only code 1100 (throttled) is public; the
 * authentication codes are the simulator's (flagged as unverified in the report).
 */

/** A body as a text template: literal braces doubled. */
const text = (value: unknown): NonNullable<RequestSpec['body']> => ({
  text: JSON.stringify(value).replace(/[{}]/g, (c) => c + c),
  contentType: 'text/plain',
});
const CLIENT_VERSION = { major: 2, minor: 8, patch: 1 };
const noError: Predicate = { all: [{ status: 200 }, { json: 'error', exists: false }] };
const code = (n: number): Predicate => ({ json: 'error.code', equals: n });
const ERROR_CODE = { json: 'error.code' };

const find = (id: string, label: string, className: string, required = true): EntitySpec => ({
  id,
  label,
  upstream: className,
  request: {
    method: 'POST',
    path: '/api/',
    body: text({
      _maCn: 'FindRequest',
      clientVersion: CLIENT_VERSION,
      className,
      fields: 'id',
      maxObjects: 1,
    }),
  },
  success: { all: [noError, { json: 'objects', isArray: true }] },
  required,
});

const key = (k: string, label: string, prefix: string, kind: FieldSpec['kind']): FieldSpec => ({
  key: k,
  label,
  kind,
  required: true,
  min_length: 20,
  max_length: 200,
  pattern: `^${prefix}[0-9A-Za-z]+$`,
  pattern_message: `${label} starts with ${prefix}.`,
  autocomplete: 'off',
  guide_anchor: 'keys',
});

export const fiix = defineConnector({
  id: 'fiix',
  product: 'Fiix',
  hooks: { prepare: prepareFiix, sign: signFiixRequest },
  entities: [
    find('work_orders', 'Work orders', 'WorkOrder'),
    find('assets', 'Assets', 'Asset'),
    find('purchase_orders', 'Purchase orders', 'PurchaseOrder'),
    find('inventory', 'Stock', 'Stock', false),
  ],
  authMethods: [
    {
      id: 'api_keys',
      label: 'API keys',
      description: 'An application key, an access key and its secret key from Fiix Connect Management.',
      fields: [
        {
          key: 'instance_url',
          label: 'Fiix address',
          kind: 'url',
          required: true,
          format: 'url',
          placeholder: 'https://yourcompany.macmms.com',
          guide_anchor: 'url',
          autocomplete: 'url',
        },
        key('app_key', 'Application key', 'macmmsackp', 'text'),
        key('access_key', 'Access key', 'macmmsaakp', 'secret'),
        key('secret_key', 'Secret key', 'macmmsaskp', 'secret'),
      ],
      guide: API_KEYS_GUIDE,
      // The keys travel in the signed query; the sign hook writes them with the signature.
      auth: { type: 'static_key' },
      authenticate: {
        request: {
          method: 'POST',
          path: '/api/',
          body: text({ _maCn: 'RpcRequest', clientVersion: CLIENT_VERSION, name: 'Ping' }),
        },
        success: { all: [noError, { json: '_maCn', equals: 'RpcResponse' }] },
        account: { tenant: { value: '{tenant}' } },
      },
      principal: 'access_key',
      failures: [
        {
          when: code(4010),
          code: 'INVALID_CREDENTIALS',
          message: '{product} does not recognise this application key, or the API application is disabled.',
          param: 'app_key',
          guidance: KEYS_GUIDANCE,
          upstream_code: ERROR_CODE,
        },
        {
          when: code(4011),
          code: 'INVALID_CREDENTIALS',
          message: '{product} did not accept the access key.',
          param: 'access_key',
          possible_causes: [
            'The access key was mistyped.',
            'The access key was disabled or deleted in Connect Management.',
            'The key belongs to another Fiix tenant.',
          ],
          guidance: KEYS_GUIDANCE,
          upstream_code: ERROR_CODE,
        },
        {
          when: code(4012),
          code: 'INVALID_CREDENTIALS',
          message: 'The request signature did not match: the secret key does not belong to this access key.',
          param: 'secret_key',
          guidance: KEYS_GUIDANCE,
          upstream_code: ERROR_CODE,
        },
        {
          when: code(4013),
          code: 'CLOCK_SKEW',
          message: '{product} refused the request time: its clock and ours disagree.',
          guidance: CLOCK_GUIDANCE,
          upstream_code: ERROR_CODE,
          retryable: true,
        },
        {
          when: code(4030),
          steps: ['authorize'],
          code: 'INSUFFICIENT_PERMISSIONS',
          message: 'The keys work, but their user may not read {entity} in {product}.',
          guidance: PERMISSION_GUIDANCE,
          upstream_code: ERROR_CODE,
        },
        {
          when: code(1100),
          code: 'UPSTREAM_RATE_LIMITED',
          message: '{product} is limiting requests right now. Try again in a minute.',
          upstream_code: ERROR_CODE,
          retryable: true,
        },
        {
          // A non-Fiix server at this address: no JSON error object at all.
          when: { all: [{ status: 404 }, { header: 'content-type', matches: 'text/html' }] },
          steps: ['authenticate'],
          code: 'WRONG_PRODUCT',
          message: 'This address does not answer as a Fiix tenant. Use https://yourcompany.macmms.com.',
          param: 'instance_url',
        },
      ],
    },
  ],
});
