import { COUPA_ALL_SCOPES, COUPA_CLIENTS, COUPA_SECRET, startCoupaSimulator } from '@flange/simulators';
import { runConnectorContract } from '../../testing';
import { coupa } from './definition';

const client =
  (client_id: string, o: { client_secret?: string; scopes?: string } = {}) =>
  (url: string) => ({
    instance_url: url,
    client_id,
    client_secret: o.client_secret ?? COUPA_SECRET,
    scopes: o.scopes ?? COUPA_ALL_SCOPES.join(' '),
  });

runConnectorContract({
  systemId: 'coupa',
  definitions: [coupa],
  async start() {
    const sim = await startCoupaSimulator({ credentialSlowMs: 60_000 });
    return {
      url: sim.url,
      authAttempts: () => sim.state.tokenRequests,
      reset: () => sim.state.reset(),
      close: () => sim.close(),
    };
  },
  good: [
    {
      authMethod: 'client_credentials',
      values: client(COUPA_CLIENTS.good),
      user: COUPA_CLIENTS.good,
      entities: ['purchase_orders', 'suppliers', 'inventory_items'],
    },
  ],
  failures: [
    {
      name: 'wrong client secret (invalid_client)',
      authMethod: 'client_credentials',
      values: client(COUPA_CLIENTS.good, { client_secret: 'wrong-secret' }),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'client_secret',
      upstreamCode: 'invalid_client',
      guidance: true,
      possibleCauses: true,
    },
    {
      name: 'unknown client (invalid_client)',
      authMethod: 'client_credentials',
      values: client('no-such-client'),
      code: 'INVALID_CREDENTIALS',
      step: 'authenticate',
      param: 'client_secret',
      upstreamCode: 'invalid_client',
    },
    {
      name: 'client not granted the scopes asked for (invalid_scope)',
      authMethod: 'client_credentials',
      values: client(COUPA_CLIENTS.suppliersOnly),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authenticate',
      param: 'scopes',
      upstreamCode: 'invalid_scope',
      guidance: true,
    },
    {
      name: 'token without core.supplier.read (403 on suppliers)',
      authMethod: 'client_credentials',
      values: client(COUPA_CLIENTS.good, { scopes: 'core.purchase_order.read core.item.read' }),
      code: 'INSUFFICIENT_PERMISSIONS',
      step: 'authorize',
      param: 'scopes',
      guidance: true,
    },
  ],
});
