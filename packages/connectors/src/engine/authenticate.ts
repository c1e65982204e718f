import type { Account, AttemptError, StepId } from '@flange/protocol';
import type { HttpResponse } from '../net/http-client';
import type { AccountMapping, FailureRule, OAuth2Shape, TokenSource } from './definition';
import { defaultForResponse, fromHook, fromRule, matchRule } from './classify';
import type { MessageScope } from './classify';
import { getPath } from './json-path';
import { readValue, test } from './predicate';
import type { Run } from './run';
import { render } from './template';

/** A step's failure, carrying the error for the user. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
  constructor(readonly error: AttemptError) {
    super(error.code);
  }
}

/** Rules in the order they apply: the method's, the definition's, then built-ins for the shape. */
export function rulesFor(run: Run, extra: readonly FailureRule[] = []): FailureRule[] {
  return [...(run.method.failures ?? []), ...(run.def.failures ?? []), ...extra];
}

/** Turn a non-successful response into the step's failure: rules, then the hook, then the defaults. */
export function failureFor(
  run: Run,
  res: HttpResponse,
  step: StepId,
  scope: MessageScope,
  urlParam: string | undefined,
  extraRules: readonly FailureRule[] = [],
): StepFailure {
  const rule = matchRule(rulesFor(run, extraRules), res, step);
  if (rule !== undefined) return new StepFailure(fromRule(rule, res, step, scope));
  const classify = run.method.hooks?.classify ?? run.def.hooks?.classify;
  const hooked = classify?.(res, step, run.hookContext());
  if (hooked !== undefined) return new StepFailure(fromHook(hooked, step, scope));
  return new StepFailure(defaultForResponse(res, step, scope, urlParam));
}

/**
 * Sign in with the method's shape and prove it with the identity call. Rules are checked before the success
 * predicate, so a product signal wins over a bare status.
 */
export async function authenticate(
  run: Run,
  scope: MessageScope,
  urlParam: string | undefined,
): Promise<Account> {
  const auth = run.method.auth;
  let last: HttpResponse | undefined;
  if (auth.type === 'session') {
    const res = await run.send({ ...auth.login, auth: false }, 'authenticate');
    const rule = matchRule(rulesFor(run), res, 'authenticate');
    if (rule !== undefined) throw new StepFailure(fromRule(rule, res, 'authenticate', scope));
    if (!test(auth.success ?? { status: '2xx' }, res))
      throw failureFor(run, res, 'authenticate', scope, urlParam);
    const token = extractToken(auth.token, res);
    if (token === undefined) throw failureFor(run, res, 'authenticate', scope, urlParam);
    run.vars['session_token'] = token;
    run.addSecret(token);
    last = res;
  } else if (auth.type === 'oauth2_client_credentials' || auth.type === 'oauth2_password') {
    last = await fetchOAuthToken(run, auth, scope, urlParam);
  } else if (auth.type === 'custom') {
    const hook = run.method.hooks?.authenticate ?? run.def.hooks?.authenticate;
    const result = await hook!(run.hookContext());
    if ('code' in result) throw new StepFailure(fromHook(result, 'authenticate', scope));
    return pickAccount(result.account);
  }

  const spec = run.method.authenticate;
  if (spec?.request !== undefined) {
    const res = await run.send(spec.request, 'authenticate');
    const rule = matchRule(rulesFor(run), res, 'authenticate');
    if (rule !== undefined) throw new StepFailure(fromRule(rule, res, 'authenticate', scope));
    if (!test(spec.success ?? { status: '2xx' }, res))
      throw failureFor(run, res, 'authenticate', scope, urlParam);
    last = res;
  } else if (last === undefined) {
    throw new Error(
      `${run.def.id}/${run.method.id}: nothing proves the credentials (add authenticate.request)`,
    );
  }
  for (const [name, src] of Object.entries(spec?.capture ?? {})) {
    const v = readValue(src, last, run.scope());
    if (v !== undefined) run.vars[name] = v;
  }
  return readAccount(spec?.account, last, run.scope());
}

/** OAuth 2.0 token request (client credentials or password grant). */
async function fetchOAuthToken(
  run: Run,
  auth: OAuth2Shape<string> & { username?: string; password?: string },
  scope: MessageScope,
  urlParam: string | undefined,
): Promise<HttpResponse> {
  const s = run.scope();
  const form: Record<string, string> = {
    grant_type: auth.type === 'oauth2_password' ? 'password' : 'client_credentials',
  };
  if (auth.type === 'oauth2_password') {
    form['username'] = render(auth.username!, s);
    form['password'] = render(auth.password!, s);
  }
  if (auth.scope !== undefined) form['scope'] = render(auth.scope, s);
  if (auth.resource !== undefined) form['resource'] = render(auth.resource, s);
  if (auth.audience !== undefined) form['audience'] = render(auth.audience, s);
  for (const [k, v] of Object.entries(auth.params ?? {})) form[k] = render(v, s);
  const headers: Record<string, string> = {};
  if ((auth.clientAuth ?? 'basic') === 'basic') {
    // RFC 6749 §2.3.1: form-encode id and secret before Basic.
    const id = encodeURIComponent(render(auth.clientId, s));
    const secret = encodeURIComponent(render(auth.clientSecret, s));
    headers['authorization'] = `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  } else {
    form['client_id'] = render(auth.clientId, s);
    form['client_secret'] = render(auth.clientSecret, s);
  }
  const prepared = run.prepare({ method: 'POST', url: auth.tokenUrl, headers, auth: false }, false);
  prepared.body = new URLSearchParams(form).toString();
  prepared.headers['content-type'] = 'application/x-www-form-urlencoded';
  const res = await run.dispatch(prepared, 'authenticate', { template: auth.tokenUrl, withAuth: false });
  const rules = oauthRules(auth);
  const rule = matchRule(rulesFor(run, rules), res, 'authenticate');
  if (rule !== undefined) throw new StepFailure(fromRule(rule, res, 'authenticate', scope));
  const token = getPath(res.json(), 'access_token');
  if (!(res.status >= 200 && res.status < 300) || typeof token !== 'string' || token === '') {
    throw failureFor(run, res, 'authenticate', scope, urlParam);
  }
  run.vars['access_token'] = token;
  run.addSecret(token);
  return res;
}

/** The standard OAuth error codes (RFC 6749 §5.2) as rules; the field to fix is read off the templates. */
function oauthRules(auth: OAuth2Shape<string> & { password?: string }): FailureRule[] {
  const secretField = firstPlaceholder(auth.clientSecret);
  const passwordField = auth.password !== undefined ? firstPlaceholder(auth.password) : undefined;
  const upstream = { json: 'error' };
  return [
    {
      when: { json: 'error', equals: 'invalid_client' },
      code: 'INVALID_CREDENTIALS',
      message: '{product} did not accept the client ID or client secret.',
      ...(secretField !== undefined ? { param: secretField } : {}),
      upstream_code: upstream,
    },
    {
      when: { json: 'error', equals: 'invalid_grant' },
      code: 'INVALID_CREDENTIALS',
      message:
        passwordField !== undefined
          ? '{product} rejected the user name or password.'
          : '{product} rejected the grant.',
      ...(passwordField !== undefined ? { param: passwordField } : {}),
      upstream_code: upstream,
    },
    {
      when: { json: 'error', equals: 'unauthorized_client' },
      code: 'FEATURE_DISABLED',
      message: 'This client is not allowed to use this kind of sign-in in {product}.',
      upstream_code: upstream,
    },
    {
      when: { json: 'error', in: ['invalid_scope', 'access_denied'] },
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'The client is not granted the access Flange asks for in {product}.',
      upstream_code: upstream,
    },
  ];
}

function firstPlaceholder(t: string): string | undefined {
  return /\{([a-zA-Z_][a-zA-Z0-9_]*)/.exec(t)?.[1];
}

function extractToken(src: TokenSource, res: HttpResponse): string | undefined {
  if ('json' in src) {
    const v = getPath(res.json(), src.json);
    return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
  }
  if ('header' in src) return res.header(src.header);
  if ('body' in src) return new RegExp(src.body).exec(res.text())?.[1] || undefined;
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const line of list) {
    const pair = line.split(';')[0] ?? '';
    const i = pair.indexOf('=');
    if (i > 0 && pair.slice(0, i).trim() === src.cookie) return pair.slice(i + 1).trim() || undefined;
  }
  return undefined;
}

function readAccount(
  mapping: AccountMapping | undefined,
  res: HttpResponse,
  scope: Record<string, string>,
): Account {
  const out: Account = {};
  if (mapping === undefined) return out;
  for (const key of ['user', 'display_name', 'tenant', 'company'] as const) {
    const src = mapping[key];
    if (src === undefined) continue;
    const v = readValue(src, res, scope);
    if (v !== undefined && v !== '') out[key] = v.slice(0, 200);
  }
  return out;
}

function pickAccount(a: Record<string, string>): Account {
  const out: Account = {};
  for (const key of ['user', 'display_name', 'tenant', 'company'] as const)
    if (a[key] !== undefined) out[key] = a[key].slice(0, 200);
  return out;
}
