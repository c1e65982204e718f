import { URL_PROBLEM_MESSAGES, normalizeInstanceUrl } from '@flange/protocol';
import type { ProbeResult } from '@flange/protocol';
import { createHttpClient } from '../net/http-client';
import type { HttpClient } from '../net/http-client';
import { NetError } from '../net/net-error';
import { resolveChecked } from '../net/resolve';
import { upgradeTls } from '../net/socket';
import type { TlsVerdict } from '../net/socket';
import { resolveTarget } from '../net/target';
import { fromNetError } from './classify';
import type { ConnectorDefinition } from './definition';
import type { EngineDeps } from './pipeline';
import { connectFirst, urlParamOf } from './pipeline';
import { readValue, test } from './predicate';
import { Run } from './run';

/**
 * Look at an address before any credential is typed: reachable, TLS, which product. Unauthenticated; for
 * the fingerprint an untrusted certificate is accepted for this one look (nothing secret is sent), so the
 * user learns both "this is Maximo" and "its certificate needs your decision".
 */
export async function runProbe(
  def: ConnectorDefinition,
  input: string,
  deps: EngineDeps,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const method = def.authMethods.find((m) => urlParamOf(m) !== undefined) ?? def.authMethods[0]!;
  const field = method.fields.find((f) => f.key === urlParamOf(method));
  const n = normalizeInstanceUrl(input, { keepPath: field?.keep_path === true });
  if (!n.ok) {
    return {
      normalized_url: input.trim(),
      reachable: false,
      tls: 'none',
      product: 'unknown',
      message: URL_PROBLEM_MESSAGES[n.reason],
      code: 'URL_NOT_ALLOWED',
    };
  }
  const unreachable = (e: unknown): ProbeResult => {
    if (!(e instanceof NetError)) throw e;
    const err = fromNetError(e, 'connect', def.product, undefined);
    return {
      normalized_url: n.url,
      reachable: false,
      tls: 'none',
      product: 'unknown',
      message: err.display_message,
      code: err.code,
    };
  };

  let verdict: TlsVerdict | undefined;
  let secure: boolean;
  try {
    const target = resolveTarget(n.url, deps.policy);
    secure = target.secure;
    const addresses = await resolveChecked(target.hostname, {
      policy: deps.addressPolicy,
      lookup: deps.lookup,
      timeoutMs: deps.policy.connectTimeoutMs,
      signal,
    });
    const { socket } = await connectFirst(addresses, target, deps, signal);
    if (target.secure) {
      try {
        const r = await upgradeTls(
          socket,
          { hostname: target.hostname, ca: deps.ca, mode: 'inspect', signal },
          deps.policy.connectTimeoutMs,
        );
        r.socket.destroy();
        verdict = r.verdict;
      } finally {
        socket.destroy();
      }
    } else socket.destroy();
  } catch (e) {
    return unreachable(e);
  }

  const tls: ProbeResult['tls'] = !secure ? 'none' : verdict?.trusted ? 'trusted' : 'untrusted';
  const certificate =
    tls === 'untrusted' && verdict?.certificate !== undefined ? { certificate: verdict.certificate } : {};
  const untrustedNote =
    tls === 'untrusted'
      ? ', but its certificate is not trusted. You can review it and decide when you connect'
      : '';

  let product: ProbeResult['product'] = 'unknown';
  let productName: string | undefined;
  let version: string | undefined;
  if (def.fingerprint !== undefined) {
    let client: HttpClient | undefined;
    const pin = tls === 'untrusted' ? verdict?.certificate?.sha256 : undefined;
    try {
      const run = new Run(
        def,
        method,
        {},
        () =>
          (client ??= createHttpClient({
            policy: deps.policy,
            addressPolicy: deps.addressPolicy,
            lookup: deps.lookup,
            ca: deps.ca,
            pinSha256: pin,
          })),
        deps.log,
        deps.now,
        signal,
      );
      run.baseUrl = n.url;
      const res = await run.send({ ...def.fingerprint.request, auth: false }, 'fingerprint');
      if (test(def.fingerprint.match, res)) {
        product = 'match';
        productName =
          def.fingerprint.variants?.find((v) => test(v.when, res))?.product ??
          def.fingerprint.product ??
          def.product;
        version =
          def.fingerprint.version !== undefined ? readValue(def.fingerprint.version, res, {}) : undefined;
      } else product = 'mismatch';
    } catch (e) {
      if (!(e instanceof NetError)) throw e;
      if (e.kind === 'timeout') {
        return {
          normalized_url: n.url,
          reachable: true,
          tls,
          ...certificate,
          product: 'unknown',
          message: `The server accepted the connection but did not answer in time.`,
          code: 'UPSTREAM_TIMEOUT',
        };
      }
    } finally {
      await client?.close();
    }
  }

  const base = { normalized_url: n.url, reachable: true, tls, ...certificate };
  if (product === 'match') {
    const label = version !== undefined ? `${productName} ${version}` : productName!;
    return {
      ...base,
      product,
      product_name: productName!,
      ...(version !== undefined ? { version } : {}),
      message: `This is ${label}${untrustedNote}.`,
      ...(tls === 'untrusted' ? { code: 'TLS_UNTRUSTED' as const } : {}),
    };
  }
  if (product === 'mismatch') {
    return {
      ...base,
      product,
      message: `This address answers, but it is not ${def.product}.`,
      code: 'WRONG_PRODUCT',
    };
  }
  return {
    ...base,
    product,
    message: `The server answers${untrustedNote}.`,
    ...(tls === 'untrusted' ? { code: 'TLS_UNTRUSTED' as const } : {}),
  };
}
