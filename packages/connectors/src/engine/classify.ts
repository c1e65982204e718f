import type { AttemptError, ErrorCode, StepId } from '@flange/protocol';
import type { HttpResponse } from '../net/http-client';
import type { NetError } from '../net/net-error';
import type { FailureRule, HookFailure } from './definition';
import { readValue, test } from './predicate';

/** What message placeholders may name. Never a form value: messages must be safe to show and log. */
export interface MessageScope {
  product: string;
  entity?: string;
  entity_upstream?: string;
  upstream_code?: string;
}

/** Fill the few placeholders messages may use; unknown ones are left as they are. */
export function fillMessage(text: string, scope: MessageScope): string {
  return text.replace(
    /\{(product|entity|entity_upstream|upstream_code)\}/g,
    (whole, k: keyof MessageScope) => scope[k] ?? whole,
  );
}

/** The first rule that applies to this step and matches the response. */
export function matchRule(
  rules: readonly FailureRule[],
  res: HttpResponse,
  step: StepId,
): FailureRule | undefined {
  return rules.find((r) => (r.steps === undefined || r.steps.includes(step)) && test(r.when, res));
}

/** Build the attempt error a rule describes. */
export function fromRule(
  rule: FailureRule,
  res: HttpResponse,
  step: StepId,
  scope: MessageScope,
): AttemptError {
  const upstream =
    rule.upstream_code === undefined
      ? undefined
      : typeof rule.upstream_code === 'string'
        ? rule.upstream_code
        : readValue(rule.upstream_code, res, {});
  // Upstream codes are identifiers (BMXAA7901E, AADSTS50126); anything else is not echoed.
  const safeUpstream =
    upstream !== undefined && /^[A-Za-z0-9_./:-]{1,64}$/.test(upstream) ? upstream : undefined;
  const s = { ...scope, ...(safeUpstream !== undefined ? { upstream_code: safeUpstream } : {}) };
  return {
    code: rule.code,
    step,
    display_message: fillMessage(rule.message, s),
    ...(rule.param !== undefined ? { param: rule.param } : {}),
    ...(rule.guidance !== undefined ? { guidance: rule.guidance } : {}),
    ...(rule.possible_causes !== undefined
      ? { possible_causes: rule.possible_causes.map((c) => fillMessage(c, s)) }
      : {}),
    ...(safeUpstream !== undefined ? { upstream_code: safeUpstream } : {}),
    retryable: rule.retryable ?? false,
  };
}

/** An attempt error from a hook's failure. */
export function fromHook(f: HookFailure, step: StepId, scope: MessageScope): AttemptError {
  const s = { ...scope, ...(f.upstream_code !== undefined ? { upstream_code: f.upstream_code } : {}) };
  return {
    code: f.code,
    step,
    display_message: fillMessage(f.message, s),
    ...(f.param !== undefined ? { param: f.param } : {}),
    ...(f.guidance !== undefined ? { guidance: f.guidance } : {}),
    ...(f.possible_causes !== undefined
      ? { possible_causes: f.possible_causes.map((c) => fillMessage(c, s)) }
      : {}),
    ...(f.upstream_code !== undefined ? { upstream_code: f.upstream_code } : {}),
    retryable: f.retryable ?? false,
  };
}

/**
 * Defaults when no rule matched: what a status generally means at this step. Definitions add the product's
 * own signals as rules; these keep unknown answers honest rather than silent.
 */
export function defaultForResponse(
  res: HttpResponse,
  step: StepId,
  scope: MessageScope,
  urlParam: string | undefined,
): AttemptError {
  const p = scope.product;
  const base = { step, retryable: false } as const;
  const withParam = urlParam !== undefined ? { param: urlParam } : {};
  if (res.status === 429) {
    return {
      ...base,
      code: 'UPSTREAM_RATE_LIMITED',
      display_message: `${p} is limiting requests right now. Try again in a few minutes.`,
      retryable: true,
    };
  }
  if (res.status >= 500) {
    return {
      ...base,
      code: 'UPSTREAM_ERROR',
      display_message: `${p} answered with a server error (HTTP ${res.status}). Try again later.`,
      retryable: true,
    };
  }
  if (res.status >= 300 && res.status < 400) {
    return {
      ...base,
      ...withParam,
      code: 'UPSTREAM_ERROR',
      display_message: `The address redirects elsewhere (HTTP ${res.status}). Enter the address of the ${p} server itself.`,
    };
  }
  if (step === 'authorize') {
    if (res.status === 401) {
      return {
        ...base,
        code: 'INVALID_CREDENTIALS',
        display_message: `${p} accepted the sign-in but then rejected the credentials.`,
      };
    }
    if (res.status === 403 || res.status === 400) {
      return {
        ...base,
        code: 'INSUFFICIENT_PERMISSIONS',
        display_message: `The account signed in but cannot read ${scope.entity ?? 'the data'} in ${p}.`,
      };
    }
    if (res.status === 404) {
      return {
        ...base,
        code: 'FEATURE_DISABLED',
        display_message: `${scope.entity ?? 'This data'} is not available on this ${p} instance.`,
      };
    }
  }
  if (step === 'authenticate') {
    if (res.status === 401 || res.status === 400) {
      return { ...base, code: 'INVALID_CREDENTIALS', display_message: `${p} rejected these credentials.` };
    }
    if (res.status === 403) {
      return {
        ...base,
        code: 'INSUFFICIENT_PERMISSIONS',
        display_message: `${p} refused access for this account.`,
      };
    }
    if (res.status === 404) {
      return {
        ...base,
        ...withParam,
        code: 'WRONG_PRODUCT',
        display_message: `This address does not offer the ${p} API. Check the address.`,
      };
    }
    if (res.status >= 200 && res.status < 300) {
      return { ...base, code: 'INVALID_CREDENTIALS', display_message: `${p} did not confirm the sign-in.` };
    }
  }
  return {
    ...base,
    code: 'UPSTREAM_ERROR',
    display_message: `${p} answered unexpectedly (HTTP ${res.status}).`,
  };
}

/** Map a network failure to the user's error. The text is ours; nothing from the socket is echoed. */
export function fromNetError(
  e: NetError,
  step: StepId,
  product: string,
  urlParam: string | undefined,
): AttemptError {
  const param = urlParam !== undefined ? { param: urlParam } : {};
  const make = (
    code: ErrorCode,
    display_message: string,
    retryable: boolean,
    withParam = true,
  ): AttemptError => ({
    code,
    step,
    display_message,
    retryable,
    ...(withParam ? param : {}),
  });
  switch (e.kind) {
    case 'url_invalid':
    case 'userinfo':
      return make(
        'URL_NOT_ALLOWED',
        'Enter the address as https://host (without a user name or password in it).',
        false,
      );
    case 'http_not_allowed':
      return make('URL_NOT_ALLOWED', 'The address must start with https://.', false);
    case 'port_not_allowed':
      return make(
        'URL_NOT_ALLOWED',
        'This port is not allowed. Use the port your web browser uses for this server.',
        false,
      );
    case 'address_blocked':
      return make(
        'URL_NOT_ALLOWED',
        'This address points to a private or reserved network that Flange does not reach. Use the public address of the server, or ask your administrator to allow this network.',
        false,
      );
    case 'dns_failed':
      return make('INSTANCE_UNREACHABLE', 'No server was found at this address. Check it for typos.', false);
    case 'unreachable':
    case 'connection_lost':
      return make(
        'INSTANCE_UNREACHABLE',
        `The server could not be reached. If ${product} is only reachable inside your company network or a VPN, your IT team needs to allow our connection.`,
        true,
      );
    case 'timeout':
    case 'aborted':
      return make(
        'UPSTREAM_TIMEOUT',
        `${product} did not answer in time. Try again; if it keeps happening, the server may be overloaded or behind a firewall.`,
        true,
        false,
      );
    case 'tls_untrusted':
      return {
        ...make(
          'TLS_UNTRUSTED',
          "The server's certificate is not trusted (it may be self-signed or issued by your company's own authority). Check its fingerprint with your IT team before trusting it.",
          false,
        ),
        ...(e.certificate !== undefined ? { certificate: e.certificate } : {}),
      };
    case 'tls_failed':
      return make(
        'INSTANCE_UNREACHABLE',
        'A secure connection could not be established. Check whether the address should start with http:// or https://.',
        false,
      );
    case 'too_large':
      return make('UPSTREAM_ERROR', `${product} sent an unexpectedly large answer.`, false, false);
    case 'redirect_refused':
      return make(
        'UPSTREAM_ERROR',
        `The server redirected to another address. Enter the address of the ${product} server itself.`,
        false,
      );
  }
}
