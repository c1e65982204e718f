import type { NetworkPolicy } from '../api';
import { createAddressPolicy } from './address-policy';
import { createHttpClient } from './http-client';
import type { HttpMethod } from './http-client';
import { NetError } from './net-error';
import { resolveChecked, systemLookup } from './resolve';
import type { Lookup } from './resolve';
import { resolveTarget } from './target';

/** A fetch-shaped answer: status, headers, and a body that is only released. */
export interface GuardedFetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: { cancel(): Promise<void> } | null;
}

export interface GuardedFetchInit {
  method: HttpMethod;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/**
 * A fetch-shaped sender over the guarded client (webhook delivery and other outbound calls of the server):
 * same SSRF rules, pinned DNS, no redirects, time and size bounds. Network failures reject with NetError.
 */
export function createGuardedFetch(opts: { policy: NetworkPolicy; lookup?: Lookup; ca?: string[] }) {
  const addressPolicy = createAddressPolicy(opts.policy.allowedNetworks);
  return async (url: string, init: GuardedFetchInit): Promise<GuardedFetchResponse> => {
    const client = createHttpClient({
      policy: opts.policy,
      addressPolicy,
      lookup: opts.lookup ?? systemLookup,
      ca: opts.ca,
    });
    try {
      const res = await client.request({
        method: init.method,
        url,
        ...(init.headers !== undefined ? { headers: init.headers } : {}),
        ...(init.body !== undefined ? { body: init.body } : {}),
        ...(init.signal !== undefined ? { signal: init.signal } : {}),
      });
      return {
        status: res.status,
        headers: { get: (n) => res.header(n) ?? null },
        body: { cancel: async () => undefined },
      };
    } finally {
      await client.close();
    }
  };
}

/**
 * Check a URL against the SSRF rules without sending anything: null when allowed, otherwise a reason safe
 * to show. Sending re-checks at connect time, so a DNS change after this check is still caught.
 */
export function createUrlGuard(opts: { policy: NetworkPolicy; lookup?: Lookup }) {
  const addressPolicy = createAddressPolicy(opts.policy.allowedNetworks);
  return async (url: string): Promise<string | null> => {
    try {
      const target = resolveTarget(url, opts.policy);
      await resolveChecked(target.hostname, {
        policy: addressPolicy,
        lookup: opts.lookup ?? systemLookup,
        timeoutMs: opts.policy.connectTimeoutMs,
      });
      return null;
    } catch (e) {
      if (e instanceof NetError) return e.message;
      throw e;
    }
  };
}
