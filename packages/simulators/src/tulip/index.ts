import type { SandboxHints } from '@flange/protocol';
import { startSimulator } from '../framework/simulator';
import type { Simulator, StartSimulatorOptions } from '../framework/simulator';
import { createTulipApp } from './app';
import type { TulipState } from './app';

export type { TulipState } from './app';
export { TULIP_TOKENS } from './app';

export interface TulipSimulator extends Simulator {
  state: TulipState;
}

/** Start the Tulip simulator. */
export async function startTulipSimulator(
  opts: { credentialSlowMs?: number } & Omit<StartSimulatorOptions, 'name' | 'handler'> = {},
): Promise<TulipSimulator> {
  const { credentialSlowMs, ...framework } = opts;
  const { app, state } = createTulipApp(credentialSlowMs !== undefined ? { credentialSlowMs } : {});
  const sim = await startSimulator({ ...framework, name: 'tulip', handler: app });
  return Object.assign(sim, { state });
}

/** What the test environment shows next to the Tulip form. */
export function tulipSandboxHints(url: string): SandboxHints {
  const v = (api_key: string, api_secret = 'tulip-secret-good') => ({
    auth_method: 'api_token',
    instance_url: url,
    api_key,
    api_secret,
  });
  return {
    note: 'Test environment: this points at the Flange Tulip simulator.',
    instance_url: url,
    credentials: {
      api_token: { instance_url: url, api_key: 'apikey.2_FLANGEgoodKEY', api_secret: 'tulip-secret-good' },
    },
    scenarios: [
      { label: 'Wrong secret', values: v('apikey.2_FLANGEgoodKEY', 'wrong-secret') },
      {
        label: 'Token with tables:read only (connects; stations shown unreadable)',
        values: v('apikey.2_TABLESonlyKEY'),
      },
      { label: 'Token without any scope', values: v('apikey.2_NOscopesKEY00') },
      { label: 'Rate limited by Tulip', values: v('apikey.2_THROTTLEDkey0') },
      { label: 'Slow server (times out)', values: v('apikey.2_SLOWkey000000') },
    ],
  };
}
