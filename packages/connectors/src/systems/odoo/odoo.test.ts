import { ODOO_KEYS, startOdooSimulator } from '@flange/simulators';
import type { OdooSimulator } from '@flange/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy } from '../../testing';
import { odoo } from './definition';

let v19: OdooSimulator;
let v17: OdooSimulator;
beforeAll(async () => {
  [v19, v17] = await Promise.all([startOdooSimulator(), startOdooSimulator({ version: '17.0' })]);
});
afterAll(async () => {
  await Promise.all([v19.close(), v17.close()]);
});

const connectors = () => createConnectors({ policy: contractPolicy(), definitions: [odoo] });

describe('Odoo connector', () => {
  it('reports the server version and the account (user, company, database)', async () => {
    const out = await connectors().validate(
      {
        systemId: 'odoo',
        authMethod: 'api_key',
        values: { instance_url: v19.url, database: 'acme-prod', api_key: ODOO_KEYS.good },
      },
      () => undefined,
    );
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    expect(out.product).toEqual({ name: 'Odoo', version: '19.0+e' });
    expect(out.account).toEqual({
      user: 'admin',
      display_name: 'Mitchell Admin',
      company: 'Acme Manufacturing',
      tenant: 'acme-prod',
    });
  });

  it('tells a user of Odoo 17 that API keys need the login method', async () => {
    const out = await connectors().validate(
      {
        systemId: 'odoo',
        authMethod: 'api_key',
        values: { instance_url: v17.url, database: 'acme-prod', api_key: ODOO_KEYS.good },
      },
      () => undefined,
    );
    expect(out.ok ? null : [out.error.code, out.error.step]).toEqual(['FEATURE_DISABLED', 'authenticate']);
    const rpc = await connectors().validate(
      {
        systemId: 'odoo',
        authMethod: 'password',
        values: { instance_url: v17.url, database: 'acme-prod', login: 'admin', password: 'admin-sandbox' },
      },
      () => undefined,
    );
    expect(rpc.ok && rpc.product).toEqual({ name: 'Odoo', version: '17.0' });
  });

  it('sends the uid as a JSON number in execute_kw', async () => {
    v19.clearLog();
    const out = await connectors().validate(
      {
        systemId: 'odoo',
        authMethod: 'password',
        values: { instance_url: v19.url, database: 'acme-prod', login: 'admin', password: 'admin-sandbox' },
      },
      () => undefined,
    );
    expect(out.ok).toBe(true);
    expect(v19.requests.filter((r) => r.path === '/jsonrpc').length).toBe(7);
  });
});
