/**
 * Oracle NetSuite: the account → data-centre discovery service and SuiteTalk REST record service with
 * Token-Based Authentication (OAuth 1.0a, HMAC-SHA256, realm = account ID).
 *
 * Calls we make: `GET /rest/datacenterurls?account={id}` (host rest.netsuite.com, no auth) → the account's
 * domains [V]; then `GET {webservicesDomain}/services/rest/record/v1/{type}?limit=1` per entity, signed.
 * Both hosts are served here; tests send rest.netsuite.com and {account}.suitetalk.api.netsuite.com to
 * this server with the host override map.
 *
 * Every authentication failure answers the same 401: `WWW-Authenticate: Bearer realm=…,
 * error="invalid_token", error_description="Invalid login attempt."` and `o:errorDetails[0].o:errorCode
 * = INVALID_LOGIN` [V]. The reason goes only to the Login Audit Trail (`auditTrail` here) with NetSuite's
 * detail values: InvalidSignature, InvalidTimestamp (±5 min), nonce_used, consumer_key_unknown,
 * consumer_key_refused, FeatureDisabled, EntityOrRoleDisabled, TokenRejected [V]. A role without the
 * record's permission: 403 INSUFFICIENT_PERMISSION "Permission Violation: You need the '…' permission"
 * [K text, U status]. Too many concurrent requests: 429 CONCURRENCY_LIMIT_EXCEEDED [K]. An unknown account
 * at the discovery service: 400 with an error object [U shape].
 *
 * The signature is checked with the `oauth-1.0a` library, independently of the connector's own signer.
 */
import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { Request, Response } from 'express';
import { startSimulator } from '../framework/simulator';
import type { Simulator } from '../framework/simulator';
import { productApp } from '../support/serve';
import type { ProductSimulatorOptions } from '../support/serve';

/** Accounts by ID; 7654321 has the Token-Based Authentication feature switched off. */
export const NS_ACCOUNTS: Record<string, { tbaEnabled: boolean }> = {
  '1234567': { tbaEnabled: true },
  '1234567_SB1': { tbaEnabled: true },
  '7654321': { tbaEnabled: false },
};

export const NS_INTEGRATIONS: Record<string, { secret: string; state: 'enabled' | 'blocked' }> = {
  ck_good: { secret: 'cs_good', state: 'enabled' },
  ck_blocked: { secret: 'cs_good', state: 'blocked' },
};

export const NS_TOKENS: Record<
  string,
  {
    secret: string;
    consumer: string;
    state: 'active' | 'revoked' | 'role_disabled';
    permissions: string[];
    throttled?: boolean;
  }
> = {
  tk_good: {
    secret: 'ts_good',
    consumer: 'ck_good',
    state: 'active',
    permissions: ['purchaseOrder', 'inventoryItem', 'workOrder'],
  },
  tk_revoked: { secret: 'ts_good', consumer: 'ck_good', state: 'revoked', permissions: [] },
  tk_disabled: { secret: 'ts_good', consumer: 'ck_good', state: 'role_disabled', permissions: [] },
  tk_noperm: { secret: 'ts_good', consumer: 'ck_good', state: 'active', permissions: [] },
  tk_throttled: {
    secret: 'ts_good',
    consumer: 'ck_good',
    state: 'active',
    permissions: ['purchaseOrder'],
    throttled: true,
  },
  tk_blocked: { secret: 'ts_good', consumer: 'ck_blocked', state: 'active', permissions: ['purchaseOrder'] },
};

const PERMISSION_NAMES: Record<string, string> = {
  purchaseOrder: 'Transactions -> Purchase Order',
  inventoryItem: 'Lists -> Items',
  workOrder: 'Transactions -> Work Order',
};

/** `1234567_SB1` → `1234567-sb1` (the account's host label). */
export function accountHost(account: string): string {
  return account.toLowerCase().replace(/_/g, '-');
}

export interface NetSuiteSimulator extends Simulator {
  /** Setup → Users/Roles → View Login Audit Trail: one row per request with the real reason. */
  auditTrail: { account: string; status: 'Success' | 'Failure'; detail: string }[];
  reset(): void;
}

function parseOAuthHeader(header: string): Record<string, string> | null {
  if (!header.startsWith('OAuth ')) return null;
  const out: Record<string, string> = {};
  for (const m of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/gi))
    out[m[1] ?? ''] = decodeURIComponent(m[2] ?? '');
  return out;
}

/** Start the simulator; `clockOffsetMs` shifts its clock to exercise the ±5 minute timestamp window. */
export async function startNetSuiteSimulator(
  opts: ProductSimulatorOptions & { clockOffsetMs?: number } = {},
): Promise<NetSuiteSimulator> {
  const { clockOffsetMs = 0, ...framework } = opts;
  const auditTrail: NetSuiteSimulator['auditTrail'] = [];
  const nonces = new Set<string>();
  const app = productApp();
  app.use((_req, res, next) => {
    res.set('Date', new Date(Date.now() + clockOffsetMs).toUTCString());
    next();
  });

  app.get('/rest/datacenterurls', (req, res) => {
    const account = String(req.query.account ?? '').toUpperCase();
    if (!NS_ACCOUNTS[account]) {
      res
        .status(400)
        .json({ error: { code: 'INVALID_ACCOUNT', message: `Invalid account ID: ${account.slice(0, 40)}` } });
      return;
    }
    const h = accountHost(account);
    res.json({
      webservicesDomain: `https://${h}.suitetalk.api.netsuite.com`,
      restDomain: `https://${h}.restlets.api.netsuite.com`,
      systemDomain: `https://${h}.app.netsuite.com`,
    });
  });

  const unauthorized = (res: Response, account: string, detail: string) => {
    auditTrail.push({ account, status: 'Failure', detail });
    res.set(
      'WWW-Authenticate',
      `Bearer realm="${account}", error="invalid_token", error_description="Invalid login attempt."`,
    );
    res
      .status(401)
      .type('application/vnd.oracle.resource+json; type=error')
      .send(
        JSON.stringify({
          type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2',
          title: 'Unauthorized',
          status: 401,
          'o:errorDetails': [
            {
              detail:
                'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
              'o:errorCode': 'INVALID_LOGIN',
            },
          ],
        }),
      );
  };

  const errorDoc = (res: Response, status: number, title: string, code: string, detail: string) => {
    res
      .status(status)
      .type('application/vnd.oracle.resource+json; type=error')
      .send(
        JSON.stringify({
          type: `https://www.rfc-editor.org/rfc/rfc9110.html`,
          title,
          status,
          'o:errorDetails': [{ detail, 'o:errorCode': code }],
        }),
      );
  };

  /** Check the TBA header; answers and returns null on failure (reason recorded in the audit trail). */
  const authenticate = (req: Request, res: Response) => {
    const p = parseOAuthHeader(req.get('authorization') ?? '');
    const account = (p?.realm ?? '').toUpperCase();
    if (
      !p ||
      !p.oauth_consumer_key ||
      !p.oauth_token ||
      !p.oauth_signature ||
      !p.oauth_nonce ||
      !p.oauth_timestamp
    ) {
      return (unauthorized(res, account, 'MissingTokenPassportRequiredFields'), null);
    }
    const acct = NS_ACCOUNTS[account];
    const host = (req.get('host') ?? '').toLowerCase();
    const hostAccount = host.endsWith('.suitetalk.api.netsuite.com') ? (host.split('.')[0] ?? '') : '';
    if (!acct) return (unauthorized(res, account, 'InvalidAccount'), null);
    if (!acct.tbaEnabled) return (unauthorized(res, account, 'FeatureDisabled'), null);
    if (p.oauth_signature_method !== 'HMAC-SHA256')
      return (unauthorized(res, account, 'InvalidSignatureMethod'), null);
    const skew = Math.abs(Number(p.oauth_timestamp) * 1000 - (Date.now() + clockOffsetMs));
    if (!Number.isFinite(skew) || skew > 5 * 60_000)
      return (unauthorized(res, account, 'InvalidTimestamp'), null);
    const integration = NS_INTEGRATIONS[p.oauth_consumer_key];
    if (!integration) return (unauthorized(res, account, 'consumer_key_unknown'), null);
    const token = NS_TOKENS[p.oauth_token];
    if (!token || token.consumer !== p.oauth_consumer_key)
      return (unauthorized(res, account, 'InvalidToken'), null);
    const oauth = new OAuth({
      consumer: { key: p.oauth_consumer_key, secret: integration.secret },
      signature_method: 'HMAC-SHA256',
      hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
    });
    const oauthData: Record<string, string> = {};
    for (const [k, v] of Object.entries(p))
      if (k.startsWith('oauth_') && k !== 'oauth_signature') oauthData[k] = v;
    // The client signs the URL it addressed: the account's public domain, or this server when called directly.
    const candidates = [
      `https://${accountHost(account)}.suitetalk.api.netsuite.com${req.originalUrl}`,
      `${req.protocol}://${req.get('host')}${req.originalUrl}`,
    ];
    const ok = candidates.some(
      (url) =>
        oauth.getSignature({ url, method: req.method, data: {} }, token.secret, oauthData as never) ===
        p.oauth_signature,
    );
    if (!ok) return (unauthorized(res, account, 'InvalidSignature'), null);
    if (nonces.has(p.oauth_nonce)) return (unauthorized(res, account, 'nonce_used'), null);
    nonces.add(p.oauth_nonce);
    if (integration.state === 'blocked') return (unauthorized(res, account, 'consumer_key_refused'), null);
    if (token.state === 'revoked') return (unauthorized(res, account, 'TokenRejected'), null);
    if (token.state === 'role_disabled') return (unauthorized(res, account, 'EntityOrRoleDisabled'), null);
    if (hostAccount !== '' && accountHost(account) !== hostAccount)
      return (unauthorized(res, account, 'WrongDataCenter'), null);
    auditTrail.push({ account, status: 'Success', detail: '' });
    return { account, token };
  };

  // Any REST-enabled role may list the record types: the cheapest authenticated call [K].
  app.get('/services/rest/record/v1/metadata-catalog', (req, res) => {
    const auth = authenticate(req, res);
    if (!auth) return;
    res
      .type('application/vnd.oracle.resource+json; type=collection')
      .send(JSON.stringify({ items: Object.keys(PERMISSION_NAMES).map((name) => ({ name, links: [] })) }));
  });

  app.get('/services/rest/record/v1/:type', (req, res) => {
    const auth = authenticate(req, res);
    if (!auth) return;
    const type = String(req.params.type);
    if (auth.token.throttled) {
      errorDoc(
        res,
        429,
        'Too Many Requests',
        'CONCURRENCY_LIMIT_EXCEEDED',
        'Concurrent request limit exceeded. Request blocked.',
      );
      return;
    }
    if (!PERMISSION_NAMES[type]) {
      errorDoc(res, 404, 'Not Found', 'NONEXISTENT_ID', `Record type '${type}' does not exist.`);
      return;
    }
    if (!auth.token.permissions.includes(type)) {
      errorDoc(
        res,
        403,
        'Forbidden',
        'INSUFFICIENT_PERMISSION',
        `Permission Violation: You need the '${PERMISSION_NAMES[type]}' permission to access this page. Please contact your account administrator.`,
      );
      return;
    }
    const base = `https://${accountHost(auth.account)}.suitetalk.api.netsuite.com/services/rest/record/v1/${type}`;
    res.type('application/vnd.oracle.resource+json; type=collection').send(
      JSON.stringify({
        links: [{ rel: 'self', href: `${base}?limit=1&offset=0` }],
        count: 1,
        hasMore: true,
        items: [{ links: [{ rel: 'self', href: `${base}/101` }], id: '101' }],
        offset: 0,
        totalResults: 42,
      }),
    );
  });

  const sim = await startSimulator({ ...framework, name: 'oracle-netsuite', handler: app });
  return Object.assign(sim, {
    auditTrail,
    reset() {
      auditTrail.length = 0;
      nonces.clear();
      sim.clearLog();
    },
  });
}
