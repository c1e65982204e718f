import { createHash } from 'node:crypto';
import type { ProbeResult, StepEvent } from '@flange/protocol';
import type {
  ConnectorInfo,
  Connectors,
  LoginIdentity,
  NetworkPolicy,
  ValidateInput,
  ValidateOutcome,
} from './api';
import { getCatalogEntry } from './catalog';
import type { ConnectorDefinition } from './engine/definition';
import { baseUrlOf, internalError, runValidation, stepsOf } from './engine/pipeline';
import type { EngineDeps } from './engine/pipeline';
import { runProbe } from './engine/probe';
import type { Logger } from './engine/run';
import { createAddressPolicy } from './net/address-policy';
import { systemLookup } from './net/resolve';
import type { Lookup } from './net/resolve';
import { DEFINITIONS } from './systems';

export interface CreateConnectorsOptions {
  policy: NetworkPolicy;
  /** Wall clock; durations are measured with it. Default: the system clock. */
  clock?: { now(): Date };
  /** Structured log sink; entries never carry values, only templates, codes and timings. */
  log?: Logger;
  /** DNS resolver (tests inject hostile answers). Default: getaddrinfo, every A/AAAA record. */
  lookup?: Lookup;
  /** Extra trust anchors (PEM) beside Node's roots, for a deployment behind a company CA. */
  ca?: string[];
  /** Definitions to serve; default every built-in connector. */
  definitions?: readonly ConnectorDefinition[];
  /** Observe each outbound connection's checked address (tests of DNS pinning). */
  onConnected?: (info: { hostname: string; address: string; port: number }) => void;
}

/** Codes after which no further attempt may be made for the same host and user (lockout safety). */
export const STOPPING_CODES = new Set(['IP_BLOCKED', 'ACCOUNT_LOCKED'] as const);

/** Whether an attempt error means "stop trying this host/user" (an upstream lock or IP block). */
export function stopsFurtherAttempts(code: string): boolean {
  return (STOPPING_CODES as Set<string>).has(code);
}

/** Build the connectors service the server uses (list/get/validate/probe/loginIdentity). */
export function createConnectors(opts: CreateConnectorsOptions): Connectors {
  const definitions = opts.definitions ?? DEFINITIONS;
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const clock = opts.clock ?? { now: () => new Date() };
  const deps: EngineDeps = {
    policy: opts.policy,
    addressPolicy: createAddressPolicy(opts.policy.allowedNetworks),
    lookup: opts.lookup ?? systemLookup,
    ca: opts.ca,
    now: () => clock.now().getTime(),
    log: opts.log ?? (() => undefined),
    onConnected: opts.onConnected,
  };
  const infos = new Map(definitions.map((d) => [d.id, infoOf(d)]));

  return {
    list: () => [...infos.values()],
    get: (id) => infos.get(id),

    async validate(input: ValidateInput, onStep: (e: StepEvent) => void): Promise<ValidateOutcome> {
      const def = byId.get(input.systemId);
      const method = def?.authMethods.find((m) => m.id === input.authMethod);
      if (def === undefined || method === undefined) {
        return {
          ok: false,
          error: {
            code: 'INVALID_REQUEST',
            step: 'resolve',
            display_message:
              def === undefined
                ? 'This system has no connector.'
                : 'This sign-in method does not exist for this system.',
            retryable: false,
          },
        };
      }
      try {
        return await runValidation(def, method, input, deps, onStep);
      } catch {
        deps.log({ level: 'error', msg: 'pipeline crashed', system: def.id, auth_method: method.id });
        return { ok: false, error: internalError('resolve') };
      }
    },

    async probe(systemId: string, url: string, signal?: AbortSignal): Promise<ProbeResult> {
      const def = byId.get(systemId);
      if (def === undefined) {
        return {
          normalized_url: url,
          reachable: false,
          tls: 'none',
          product: 'unknown',
          message: 'This system has no connector.',
          code: 'SYSTEM_NOT_AVAILABLE',
        };
      }
      return runProbe(def, url, deps, signal);
    },

    loginIdentity(systemId, authMethod, values): LoginIdentity | null {
      const def = byId.get(systemId);
      const method = def?.authMethods.find((m) => m.id === authMethod);
      if (method === undefined) return null;
      const base = baseUrlOf(method, values);
      if (base === null) return null;
      let host: string;
      try {
        host = new URL(base).host.toLowerCase();
      } catch {
        return null;
      }
      const field = method.fields.find((f) => f.key === method.principal);
      const raw = method.principal !== undefined ? values[method.principal] : undefined;
      if (field === undefined || raw === undefined || raw.trim() === '') return { host, principal: '*' };
      // Secret principals (API keys) are counted by hash: the counter must not hold the key.
      const principal =
        field.kind === 'secret'
          ? `${field.key}:sha256:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`
          : `${field.key}:${raw.trim().toLowerCase()}`;
      return { host, principal };
    },
  };
}

/** What the server and the widget learn about a connector. The catalog's summary wins over the definition's. */
function infoOf(def: ConnectorDefinition): ConnectorInfo {
  const fromCatalog = getCatalogEntry(def.id);
  const summary = fromCatalog ?? def.summary;
  if (summary === undefined) throw new Error(`${def.id}: no catalog entry and no summary`);
  return {
    summary: { ...summary, availability: 'available' },
    authMethods: def.authMethods.map((m) => ({
      id: m.id,
      label: m.label,
      ...(m.description !== undefined ? { description: m.description } : {}),
      fields: m.fields,
      ...(m.guide !== undefined ? { guide: m.guide } : {}),
    })),
    entities: def.entities.map((e) => ({ id: e.id, label: e.label })),
    steps: stepsOf(def),
  };
}
