/** A real server with the lifecycle and ops plugins wired as main.ts wires them, for the ops suites. */
import type { Connectors } from '@flange/connectors';
import type { SandboxHints } from '@flange/protocol';
import { expect } from 'vitest';
import { ManualClock } from '../clock';
import type { Config } from '../config';
import type { AppPlugin } from '../context';
import { DEFAULT_LIFECYCLE_CONFIG, type LifecycleConfig } from '../lifecycle/config';
import { createLifecycle, type Lifecycle } from '../lifecycle/plugin';
import { startTestServer, testConfig, type TestServer } from '../testing/harness';
import { createTestDb } from '../testing/test-db';
import { createOps, type Ops } from './plugin';

export interface OpsServer {
  t: TestServer;
  ops: Ops;
  lifecycle: Lifecycle | null;
  /** Run the webhook dispatcher until nothing is due. */
  deliver(): Promise<void>;
  close(): Promise<void>;
}

export interface OpsServerOptions {
  /** Install the lifecycle plugin (default true): without it, its routes are not served. */
  lifecycle?: boolean;
  metricsToken?: string | null;
  config?: Partial<Config>;
  connectors?: Connectors;
  sandbox?: Record<string, SandboxHints>;
  rateLimits?: Partial<LifecycleConfig['rateLimits']>;
  /** Scheduled health checks on (their loop idles: the clock is manual). Default false. */
  health?: boolean;
  extraPlugins?: AppPlugin[];
}

/**
 * Start the server as main.ts does: createLifecycle with the ops metrics hooks, then both plugins. The
 * webhook dispatcher does not poll: tests call deliver().
 */
export async function startOpsServer(opts: OpsServerOptions = {}): Promise<OpsServer> {
  const db = await createTestDb();
  const clock = new ManualClock(new Date());
  // Process metrics are left to the metrics suite: each set keeps an event-loop monitor alive.
  const ops = createOps({ config: { metricsToken: opts.metricsToken ?? null }, processMetrics: false });
  const network = { ...testConfig().network, ...opts.config?.network };
  const lifecycle =
    opts.lifecycle === false
      ? null
      : createLifecycle({
          config: {
            ...DEFAULT_LIFECYCLE_CONFIG,
            rateLimits: { ...DEFAULT_LIFECYCLE_CONFIG.rateLimits, ...opts.rateLimits },
            health: { ...DEFAULT_LIFECYCLE_CONFIG.health, enabled: opts.health ?? false },
            webhooks: { enabled: false },
          },
          db,
          clock,
          network,
          dispatcher: { random: () => 0.5 },
          ...ops.lifecycleHooks,
        });
  const t = await startTestServer({
    db,
    clock,
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.connectors ? { connectors: opts.connectors } : {}),
    ...(opts.sandbox ? { sandbox: opts.sandbox } : {}),
    ...(lifecycle ? { outbox: lifecycle.outbox } : {}),
    plugins: [...(lifecycle ? [lifecycle.plugin] : []), ops.plugin, ...(opts.extraPlugins ?? [])],
  });
  return {
    t,
    ops,
    lifecycle,
    async deliver() {
      if (!lifecycle) return;
      while ((await lifecycle.webhooks.dispatcher.runOnce()) > 0) {
        // until nothing is due
      }
    },
    async close() {
      await t.close();
      await db.close();
    },
  };
}

/** One sample's value from Prometheus exposition text, or undefined when the series is absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      got[pair[1] ?? ''] = pair[2] ?? '';
    }
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** GET /metrics as text (asserting a 200). */
export async function scrape(url: string, token?: string): Promise<string> {
  const res = await fetch(`${url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const text = await res.text();
  expect({ status: res.status, text: res.status === 200 ? '' : text }).toEqual({ status: 200, text: '' });
  return text;
}
