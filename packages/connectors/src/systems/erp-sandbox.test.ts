import { SandboxHints } from '@flange/protocol';
import { ERP_SIMULATOR_HOSTS, ERP_SIMULATORS } from '@flange/simulators';
import { describe, expect, it } from 'vitest';
import { createConnectors } from '../connectors';
import { contractPolicy } from '../testing';

/**
 * The sandbox hints the demo shows for each ERP simulator must be true: the good values sign in through the
 * real connector, every listed scenario fails (or is a partial grant), and every value names a field of its auth method.
 */
describe.each(Object.keys(ERP_SIMULATORS))('sandbox hints of %s', (id) => {
  it('are valid, name real fields, succeed with the good values and fail for each scenario', async () => {
    const sim = await ERP_SIMULATORS[id]!.start({});
    try {
      const hints = SandboxHints.parse(ERP_SIMULATORS[id]!.hints(sim.url));
      const hostOverrides = Object.fromEntries((ERP_SIMULATOR_HOSTS[id] ?? []).map((h) => [h, sim.url]));
      const connectors = createConnectors({ policy: contractPolicy({ hostOverrides }) });
      const info = connectors.get(id)!;
      const trust = sim.certificate !== undefined ? { trustedCertificateSha256: sim.certificate.sha256 } : {};
      const check = (method: string, values: Record<string, string>) => {
        const fields = info.authMethods.find((m) => m.id === method)?.fields.map((f) => f.key);
        expect(fields, `${id}: auth method ${method}`).toBeDefined();
        for (const k of Object.keys(values)) expect(fields, `${id}/${method}: field ${k}`).toContain(k);
      };
      expect(Object.keys(hints.credentials).length).toBeGreaterThan(0);
      for (const [method, values] of Object.entries(hints.credentials)) {
        check(method, values);
        const out = await connectors.validate(
          { systemId: id, authMethod: method, values, ...trust },
          () => undefined,
        );
        expect(out.ok ? 'ok' : out.error, `${id}/${method} good values`).toBe('ok');
      }
      for (const scenario of hints.scenarios ?? []) {
        const { auth_method: method = Object.keys(hints.credentials)[0]!, ...values } = scenario.values;
        check(method, values);
        const out = await connectors.validate(
          { systemId: id, authMethod: method, values, ...trust },
          () => undefined,
        );
        // A scenario either fails, or succeeds with some data reported unreadable (a partial grant).
        const partial = out.ok && out.entities.some((e) => !e.ok);
        expect(!out.ok || partial, `${id}: scenario "${scenario.label}" must fail or be partial`).toBe(true);
      }
    } finally {
      await sim.close();
    }
  });
});
