import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { COUPA_ALL_SCOPES, COUPA_CLIENTS, COUPA_SECRET, createCoupaApp } from './app';
import type { CoupaState } from './app';

export type { CoupaState } from './app';
export { COUPA_ALL_SCOPES, COUPA_CLIENTS, COUPA_SECRET } from './app';

export interface CoupaSimulator extends Simulator {
  state: CoupaState;
}

/** Start the Coupa simulator (OAuth token endpoint and Core API on one host, as on an instance). */
export async function startCoupaSimulator(
  opts: { credentialSlowMs?: number } & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<CoupaSimulator> {
  const { credentialSlowMs, ...framework } = opts;
  const { app, state } = createCoupaApp(credentialSlowMs !== undefined ? { credentialSlowMs } : {});
  const sim = await startSimulator({ ...framework, name: 'coupa', handler: app });
  return Object.assign(sim, { state });
}

/** What the test environment shows next to the Coupa form. */
export function coupaSandboxHints(url: string): SandboxHints {
  const scopes = COUPA_ALL_SCOPES.join(' ');
  const v = (client_id: string, extra: Record<string, string> = {}) => ({
    auth_method: 'client_credentials',
    instance_url: url,
    client_id,
    client_secret: COUPA_SECRET,
    scopes,
    ...extra,
  });
  return {
    note: 'Test environment: this points at the Flange Coupa simulator.',
    instance_url: url,
    credentials: {
      client_credentials: {
        instance_url: url,
        client_id: COUPA_CLIENTS.good,
        client_secret: COUPA_SECRET,
        scopes,
      },
    },
    scenarios: [
      { label: 'Wrong client secret', values: v(COUPA_CLIENTS.good, { client_secret: 'wrong-secret' }) },
      {
        label: 'Client not granted the purchase order and item scopes',
        values: v(COUPA_CLIENTS.suppliersOnly),
      },
      {
        label: 'Scopes requested without suppliers',
        values: v(COUPA_CLIENTS.good, { scopes: 'core.purchase_order.read core.item.read' }),
      },
      { label: 'Slow server (times out)', values: v(COUPA_CLIENTS.slow) },
    ],
  };
}
