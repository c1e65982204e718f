import { checkFields, normalizeInstanceUrl } from '@flange/protocol';
import type { AttemptError, StepEvent, StepId, VerifiedEntity } from '@flange/protocol';
import type { NetworkPolicy, ValidateInput, ValidateOutcome } from '../api';
import type { AddressPolicy } from '../net/address-policy';
import { createHttpClient } from '../net/http-client';
import type { HttpClient } from '../net/http-client';
import { NetError } from '../net/net-error';
import type { Lookup, ResolvedAddress } from '../net/resolve';
import { resolveChecked } from '../net/resolve';
import { openTcp, upgradeTls } from '../net/socket';
import type { TlsVerdict } from '../net/socket';
import { resolveTarget } from '../net/target';
import type { Target } from '../net/target';
import { StepFailure, authenticate, failureFor } from './authenticate';
import { fromHook, fromNetError } from './classify';
import type { MessageScope } from './classify';
import type { AuthMethodSpec, ConnectorDefinition, EntitySpec } from './definition';
import { readValue, test } from './predicate';
import { Run } from './run';
import type { Logger } from './run';
import { StepReporter, redactError } from './steps';
import { render } from './template';

/** What the engine needs from its host: policy, resolver, trust anchors, clock, log. */
export interface EngineDeps {
  policy: NetworkPolicy;
  addressPolicy: AddressPolicy;
  lookup: Lookup;
  ca?: readonly string[] | undefined;
  now: () => number;
  log: Logger;
  /** Observes every connection's checked address (tests assert pinning with it). */
  onConnected?: ((info: { hostname: string; address: string; port: number }) => void) | undefined;
}

/** The steps a connector reports, in order (the server appends `store`). */
export function stepsOf(def: ConnectorDefinition): StepId[] {
  const steps: StepId[] = ['resolve', 'connect', 'tls'];
  if (def.fingerprint !== undefined) steps.push('fingerprint');
  steps.push('authenticate');
  if (def.entities.length > 0 || def.authMethods.some((m) => (m.entities?.length ?? 0) > 0))
    steps.push('authorize');
  if (def.authMethods.some(hasLogout)) steps.push('logout');
  return steps;
}

function hasLogout(m: AuthMethodSpec): boolean {
  return m.logout !== undefined;
}

/** The field a URL problem points at, when the base URL is typed by the user. */
export function urlParamOf(m: AuthMethodSpec): string | undefined {
  const b = m.baseUrl ?? { field: 'instance_url' };
  return 'field' in b ? b.field : undefined;
}

/** The base URL the values describe (without host overrides), or null when it cannot be built. */
export function baseUrlOf(
  m: AuthMethodSpec,
  values: Readonly<Record<string, string>>,
  vars: Readonly<Record<string, string>> = {},
): string | null {
  const b = m.baseUrl ?? { field: 'instance_url' };
  if ('fixed' in b) return b.fixed;
  if ('template' in b) {
    try {
      return render(b.template, { ...values, ...(m.vars ?? {}), ...vars });
    } catch {
      return null;
    }
  }
  const field = m.fields.find((f) => f.key === b.field);
  const raw = values[b.field];
  if (raw === undefined) return null;
  const n = normalizeInstanceUrl(raw, { keepPath: field?.keep_path === true });
  return n.ok ? n.url : null;
}

/**
 * Run the validation pipeline: resolve → connect → tls → fingerprint → authenticate → authorize → logout.
 * The first failing step ends the attempt; logout still runs when a session was opened.
 */
export async function runValidation(
  def: ConnectorDefinition,
  method: AuthMethodSpec,
  input: ValidateInput,
  deps: EngineDeps,
  onStep: (e: StepEvent) => void,
): Promise<ValidateOutcome> {
  const urlParam = urlParamOf(method);
  const checked = checkFields(method.fields, input.values);
  if (!checked.ok) {
    const [param, message] = Object.entries(checked.errors)[0] ?? ['', 'Invalid values.'];
    return {
      ok: false,
      error: { code: 'INVALID_REQUEST', step: 'resolve', display_message: message, param, retryable: false },
    };
  }
  const values = checked.values;
  let client: HttpClient | undefined;
  let pin: string | undefined;
  const getClient = () =>
    (client ??= createHttpClient({
      policy: deps.policy,
      addressPolicy: deps.addressPolicy,
      lookup: deps.lookup,
      ca: deps.ca,
      pinSha256: pin,
      onConnected: deps.onConnected,
    }));
  const run = new Run(def, method, values, getClient, deps.log, deps.now, input.signal);
  const steps = new StepReporter(onStep, deps.now, (s) => run.redact(s));
  const scope: MessageScope = { product: def.product };
  const order = stepsOf(def);
  let product: { name: string; version?: string } | undefined;

  try {
    // resolve: discovery hooks, the base URL, every address checked.
    const { target, addresses } = await steps.run('resolve', async () => {
      const prepare = method.hooks?.prepare ?? def.hooks?.prepare;
      if (prepare !== undefined) {
        const failed = await prepare(run.hookContext());
        if (failed) throw new StepFailure(fromHook(failed, 'resolve', scope));
      }
      const base = run.baseUrl !== '' ? run.baseUrl : baseUrlOf(method, values, run.vars);
      if (base === null) {
        throw new StepFailure({
          code: 'URL_NOT_ALLOWED',
          step: 'resolve',
          display_message: 'Enter the address of your instance.',
          ...(urlParam ? { param: urlParam } : {}),
          retryable: false,
        });
      }
      run.baseUrl = base;
      const t = await netStep('resolve', async () => resolveTarget(base, deps.policy));
      if (def.ports !== undefined && !def.ports.includes(t.port))
        throw new StepFailure(
          fromNetError(new NetError('port_not_allowed'), 'resolve', def.product, urlParam),
        );
      const resolved = await netStep('resolve', () =>
        resolveChecked(t.hostname, {
          policy: deps.addressPolicy,
          lookup: deps.lookup,
          timeoutMs: deps.policy.connectTimeoutMs,
          signal: input.signal,
        }),
      );
      return {
        value: { target: t, addresses: resolved },
        detail: resolved
          .slice(0, 3)
          .map((a) => a.address)
          .join(', '),
      };
    });

    // connect + tls on one throwaway socket: nothing is sent on it.
    const socket = await steps.run('connect', async () => {
      const s = await netStep('connect', () => connectFirst(addresses, target, deps, input.signal));
      return { value: s.socket, detail: `${s.address.address} port ${target.port}` };
    });
    if (!target.secure) {
      socket.destroy();
      steps.skip('tls', 'Plain http (no certificate)');
    } else {
      await steps.run('tls', async () => {
        let verdict: TlsVerdict;
        try {
          ({ verdict } = await netStep('tls', () =>
            upgradeTls(
              socket,
              {
                hostname: target.hostname,
                ca: deps.ca,
                pinSha256: input.trustedCertificateSha256,
                mode: 'inspect',
                signal: input.signal,
              },
              deps.policy.connectTimeoutMs,
            ).then((r) => {
              r.socket.destroy();
              return r;
            }),
          ));
        } finally {
          socket.destroy();
        }
        if (!verdict.trusted) {
          throw new StepFailure(
            fromNetError(
              new NetError('tls_untrusted', verdict.certificate ? { certificate: verdict.certificate } : {}),
              'tls',
              def.product,
              urlParam,
            ),
          );
        }
        if (verdict.pinned) {
          pin = verdict.certificate?.sha256;
          // A client a discovery hook already opened has no pin; the next call gets one that does.
          await client?.close();
          client = undefined;
        }
        return {
          value: undefined,
          detail: verdict.pinned
            ? 'Certificate trusted by your choice'
            : `Trusted certificate (${verdict.protocol ?? 'TLS'})`,
        };
      });
    }

    // fingerprint: unauthenticated, is this the product?
    if (def.fingerprint !== undefined) {
      const fp = def.fingerprint;
      product = await steps.run('fingerprint', async () => {
        const res = await netStep('fingerprint', () =>
          run.send({ ...fp.request, auth: false }, 'fingerprint'),
        );
        if (!test(fp.match, res)) {
          throw new StepFailure({
            code: 'WRONG_PRODUCT',
            step: 'fingerprint',
            display_message: `This address answers, but it is not ${def.product}. Check the address.`,
            ...(urlParam ? { param: urlParam } : {}),
            retryable: false,
          });
        }
        const name = fp.variants?.find((v) => test(v.when, res))?.product ?? fp.product ?? def.product;
        const version = fp.version !== undefined ? readValue(fp.version, res, run.scope()) : undefined;
        return {
          value: { name, ...(version !== undefined ? { version } : {}) },
          detail: version !== undefined ? `${name} ${version}` : name,
        };
      });
    } else if (order.includes('fingerprint')) steps.skip('fingerprint');

    let entities: VerifiedEntity[] = [];
    let account;
    try {
      account = await steps.run('authenticate', async () => {
        const a = await netStep('authenticate', () => authenticate(run, scope, urlParam));
        return { value: a, detail: a.user !== undefined ? `Signed in as ${a.user}` : 'Signed in' };
      });

      const specs = method.entities ?? def.entities;
      if (specs.length > 0) {
        entities = await steps.run('authorize', async () => {
          const out: VerifiedEntity[] = [];
          for (const e of specs) out.push(await readEntity(run, e, scope, urlParam));
          const readable = out.filter((e) => e.ok).length;
          return { value: out, detail: `${readable} of ${out.length} readable` };
        });
      } else if (order.includes('authorize')) steps.skip('authorize');
    } finally {
      await logout(run, steps, order);
    }

    return {
      ok: true,
      instanceUrl: method.baseUrl !== undefined && 'fixed' in method.baseUrl ? null : run.baseUrl,
      account: redactAccount(account, run),
      entities,
      ...(product !== undefined ? { product } : {}),
      credentials: { ...values },
      ...(pin !== undefined ? { pinnedCertificateSha256: pin } : {}),
    };
  } catch (e) {
    if (e instanceof StepFailure) return { ok: false, error: redactError(e.error, (s) => run.redact(s)) };
    deps.log({
      level: 'error',
      msg: 'connector failure',
      system: def.id,
      auth_method: method.id,
      kind: e instanceof Error ? e.name : 'unknown',
    });
    return { ok: false, error: internalError(steps.current ?? 'resolve') };
  } finally {
    await client?.close();
  }

  /** Run a network action, turning a NetError into this step's failure. */
  async function netStep<T>(step: StepId, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof NetError) throw new StepFailure(fromNetError(e, step, def.product, urlParam));
      throw e;
    }
  }
}

/** Read one record; an optional entity that is merely forbidden is reported unreadable instead of failing. */
async function readEntity(
  run: Run,
  e: EntitySpec,
  scope: MessageScope,
  urlParam: string | undefined,
): Promise<VerifiedEntity> {
  const entityScope: MessageScope = {
    ...scope,
    entity: e.label.toLowerCase(),
    ...(e.upstream !== undefined ? { entity_upstream: e.upstream } : {}),
  };
  let res;
  try {
    res = await run.send(e.request, 'authorize');
  } catch (err) {
    if (err instanceof NetError)
      throw new StepFailure(fromNetError(err, 'authorize', run.def.product, urlParam));
    throw err;
  }
  if (test(e.success ?? { status: '2xx' }, res)) return { id: e.id, label: e.label, ok: true };
  const failure = failureFor(run, res, 'authorize', entityScope, urlParam);
  if (
    e.required === false &&
    (failure.error.code === 'INSUFFICIENT_PERMISSIONS' || failure.error.code === 'FEATURE_DISABLED')
  ) {
    return { id: e.id, label: e.label, ok: false };
  }
  throw failure;
}

/** Always end a session we opened (seats are licensed); a failed logout does not fail the attempt. */
async function logout(run: Run, steps: StepReporter, order: StepId[]): Promise<void> {
  const spec = run.method.logout;
  if (!order.includes('logout')) return;
  if (spec === undefined || !run.hasSession) {
    steps.skip('logout', spec === undefined ? 'No session to end' : 'No session was opened');
    return;
  }
  try {
    await steps.run('logout', async () => {
      let res;
      try {
        res = await run.send(spec, 'logout');
      } catch (e) {
        if (e instanceof NetError)
          throw new StepFailure({
            code: 'UPSTREAM_ERROR',
            step: 'logout',
            display_message: 'Signing out failed; the session will expire on its own.',
            retryable: false,
          });
        throw e;
      }
      if (res.status >= 400) {
        throw new StepFailure({
          code: 'UPSTREAM_ERROR',
          step: 'logout',
          display_message: 'Signing out failed; the session will expire on its own.',
          retryable: false,
        });
      }
      run.endSession();
      return { value: undefined, detail: 'Session closed' };
    });
  } catch (e) {
    if (!(e instanceof StepFailure)) throw e;
  }
}

/** Connect to the first checked address that answers, within one connect timeout. */
export async function connectFirst(
  addresses: ResolvedAddress[],
  target: Target,
  deps: EngineDeps,
  signal: AbortSignal | undefined,
) {
  const ordered = [...addresses].sort((a, b) => a.family - b.family);
  const deadline = deps.now() + deps.policy.connectTimeoutMs;
  let last: unknown = new NetError('unreachable');
  for (const address of ordered) {
    const remaining = deadline - deps.now();
    if (remaining <= 0) break;
    try {
      const socket = await openTcp(address, target.port, remaining, signal);
      deps.onConnected?.({ hostname: target.hostname, address: address.address, port: target.port });
      return { socket, address };
    } catch (e) {
      last = e;
      if (e instanceof NetError && e.kind === 'aborted') break;
    }
  }
  throw last;
}

function redactAccount(a: Record<string, string | undefined> | undefined, run: Run) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(a ?? {})) if (v !== undefined) out[k] = run.redact(v);
  return out;
}

/** The error for a bug on our side: nothing about it is shown. */
export function internalError(step: StepId): AttemptError {
  return {
    code: 'INTERNAL_ERROR',
    step,
    display_message: 'Something went wrong on our side. Try again.',
    retryable: true,
  };
}
