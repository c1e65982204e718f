import type { ConnectorHooks, HookContext, HookFailure } from '../../engine/definition';
import { NetError } from '../../net/net-error';
import { AUDIT_TRAIL_GUIDANCE, CLOCK_GUIDANCE } from './guidance';
import { tbaHeader } from './tba-signature';

/** NetSuite accepts a timestamp within ±5 minutes; past 4 we blame the clock before the credentials. */
const SKEW_LIMIT_MS = 4 * 60_000;

/** Only NetSuite's own domains may come back from discovery: the answer decides where secrets are sent. */
const NETSUITE_DOMAIN = /^https:\/\/[a-z0-9-]+\.suitetalk\.api\.netsuite\.com$/;

/** Account ID → data-centre domain through `rest.netsuite.com/rest/datacenterurls` (no authentication). */
async function discover(ctx: HookContext): Promise<HookFailure | void> {
  const account = ctx.values['account_id'] ?? '';
  let res;
  try {
    res = await ctx.request({
      url: 'https://rest.netsuite.com/rest/datacenterurls',
      query: { account },
      auth: false,
    });
  } catch (e) {
    if (e instanceof NetError) {
      return {
        code: 'INSTANCE_UNREACHABLE',
        message: 'NetSuite’s account lookup service could not be reached. Try again in a few minutes.',
        retryable: true,
      };
    }
    throw e;
  }
  const domain = (res.json() as { webservicesDomain?: unknown } | undefined)?.webservicesDomain;
  if (res.status !== 200 || typeof domain !== 'string') {
    return {
      code: 'INVALID_CREDENTIALS',
      message:
        'NetSuite does not know this account ID. Copy it from Setup → Company → Company Information (sandboxes end in _SB1).',
      param: 'account_id',
    };
  }
  const clean = domain.replace(/\/+$/, '').toLowerCase();
  if (!NETSUITE_DOMAIN.test(clean)) {
    return {
      code: 'UPSTREAM_ERROR',
      message: 'NetSuite’s account lookup answered with an unexpected address.',
    };
  }
  ctx.baseUrl = clean;
}

export const netSuiteHooks: ConnectorHooks = {
  prepare: discover,
  sign(req, ctx) {
    const v = ctx.values;
    const header = tbaHeader(
      req,
      {
        account: (v['account_id'] ?? '').toUpperCase(),
        consumerKey: v['consumer_key'] ?? '',
        consumerSecret: v['consumer_secret'] ?? '',
        tokenId: v['token_id'] ?? '',
        tokenSecret: v['token_secret'] ?? '',
      },
      ctx.now(),
    );
    return { ...req, headers: { ...req.headers, authorization: header } };
  },
  classify(res, step, ctx) {
    const details = (res.json() as { 'o:errorDetails'?: { 'o:errorCode'?: string }[] } | undefined)?.[
      'o:errorDetails'
    ];
    const code = details?.[0]?.['o:errorCode'];
    if (res.status !== 401 || (code !== 'INVALID_LOGIN' && code !== 'INVALID_LOGIN_ATTEMPT'))
      return undefined;
    // NetSuite hides the reason; the one we can see ourselves is a clock far from NetSuite's.
    const date = Date.parse(res.header('date') ?? '');
    if (Number.isFinite(date) && Math.abs(date - ctx.now()) > SKEW_LIMIT_MS) {
      return {
        code: 'CLOCK_SKEW',
        message:
          'NetSuite refused the signature because our clock and NetSuite’s disagree by more than a few minutes.',
        upstream_code: code,
        guidance: CLOCK_GUIDANCE,
        retryable: true,
      };
    }
    return {
      code: 'LOGIN_FAILED',
      message:
        step === 'authenticate'
          ? 'NetSuite refused the sign-in ("Invalid login attempt") without saying why. It is one of the causes below.'
          : 'NetSuite refused the token while reading data.',
      upstream_code: code,
      possible_causes: [
        'A key or secret is wrong or copied incompletely (InvalidSignature).',
        'The access token was revoked, or belongs to another integration or account (TokenRejected).',
        'The integration record is blocked or disabled (consumer_key_refused).',
        'Token-Based Authentication is not enabled in Enable Features (FeatureDisabled).',
        'The user or role behind the token is inactive or lost its access (EntityOrRoleDisabled).',
      ],
      guidance: AUDIT_TRAIL_GUIDANCE,
    };
  },
};
