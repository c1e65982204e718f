import type { SandboxHints } from '@flange/protocol';
import type { Simulator } from './framework/simulator';
import { CMMS_ERP_MES_HOST_OVERRIDES } from './cmms-erp-mes';
import { ERP_SIMULATOR_HOSTS } from './erp-simulators';
import { SIMULATORS } from './registry';

export interface RunningSimulators {
  /** Base URL of each system's simulator, by catalog system id. */
  systems: Record<string, { url: string }>;
  /** The handles, for tests that switch modes or read request logs. */
  simulators: Record<string, Simulator>;
  /** Fixed cloud hosts (api.getmaintainx.com, login.microsoftonline.com, …) mapped to their simulator. */
  hostOverrides: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Start every simulator. Ports are ephemeral unless `basePort` is given (the demo), in which case the
 * simulators take basePort, basePort+1, … in registry order.
 */
export async function startSimulators(
  opts: { host?: string; basePort?: number } = {},
): Promise<RunningSimulators> {
  const ids = Object.keys(SIMULATORS);
  // In parallel: certificate generation and listening dominate, and ports are fixed by registry order.
  const started = await Promise.allSettled(
    ids.map((id, i) =>
      SIMULATORS[id]!.start({
        ...(opts.host !== undefined ? { host: opts.host } : {}),
        ...(opts.basePort !== undefined ? { port: opts.basePort + i } : {}),
      }),
    ),
  );
  const failed = started.find((r) => r.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
    throw (failed as PromiseRejectedResult).reason;
  }
  const simulators: Record<string, Simulator> = Object.fromEntries(
    ids.map((id, i) => [id, (started[i] as PromiseFulfilledResult<Simulator>).value]),
  );
  return {
    systems: Object.fromEntries(Object.entries(simulators).map(([id, s]) => [id, { url: s.url }])),
    simulators,
    hostOverrides: simulatorHostOverrides(
      Object.fromEntries(Object.entries(simulators).map(([id, s]) => [id, s.url])),
    ),
    close: async () => {
      await Promise.all(Object.values(simulators).map((s) => s.close()));
    },
  };
}

/** Sandbox hints for a system whose simulator runs at `url`; undefined for a system without a simulator. */
export function sandboxHints(systemId: string, url: string): SandboxHints | undefined {
  return SIMULATORS[systemId]?.hints(url);
}

/** The host override map that sends each product's fixed cloud hosts to its running simulator. */
export function simulatorHostOverrides(urls: Record<string, string>): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [id, url] of Object.entries(urls)) {
    for (const host of ERP_SIMULATOR_HOSTS[id] ?? []) overrides[host] = url;
    Object.assign(overrides, CMMS_ERP_MES_HOST_OVERRIDES[id]?.(url) ?? {});
  }
  return overrides;
}
