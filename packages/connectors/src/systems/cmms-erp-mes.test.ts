import { CMMS_ERP_MES_HOST_OVERRIDES, CMMS_ERP_MES_SIMULATORS, sandboxHints } from '@flange/simulators';
import type { Simulator } from '@flange/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../connectors';
import { contractPolicy } from '../testing';
import { CMMS_ERP_MES_DEFINITIONS } from './cmms-erp-mes';

/**
 * The sandbox the demo shows: every simulator of this set started from the registry, with the host overrides
 * the fixed cloud hosts need. What the hints tell a user to type must do what their labels say.
 */

const sims: Record<string, Simulator> = {};
const overrides: Record<string, string> = {};

beforeAll(async () => {
  for (const [id, entry] of Object.entries(CMMS_ERP_MES_SIMULATORS)) {
    sims[id] = await entry.start({});
    Object.assign(overrides, CMMS_ERP_MES_HOST_OVERRIDES[id]?.(sims[id].url) ?? {});
  }
});
afterAll(async () => {
  await Promise.all(Object.values(sims).map((s) => s.close()));
});

/** Connectors reaching the simulators; the fixed cloud hosts go through the host overrides. */
const connectors = (totalTimeoutMs = 10_000) =>
  createConnectors({
    policy: contractPolicy({ hostOverrides: overrides, totalTimeoutMs }),
    definitions: CMMS_ERP_MES_DEFINITIONS,
  });

const isSlow = (label: string) => /^Slow server/.test(label);

/** What a scenario's label promises: a connection, or a failure the user can act on. */
function expectedOf(label: string): string {
  if (/(with code|with organization|on the EU region|connects)/.test(label)) return 'OK';
  return 'FAILED';
}

/** What happened, in the same terms; a form rejection or a crash is named, so it never passes. */
function outcomeOf(code: string): string {
  if (code === 'OK') return code;
  return code === 'INVALID_REQUEST' || code === 'INTERNAL_ERROR' ? `BROKEN ${code}` : 'FAILED';
}

const validate = (
  systemId: string,
  authMethod: string,
  values: Record<string, string>,
  totalTimeoutMs?: number,
) => connectors(totalTimeoutMs).validate({ systemId, authMethod, values }, () => undefined);

/** A scenario's method and values (the hints carry the method inside the values). */
function scenario(systemId: string, values: Record<string, string>): [string, Record<string, string>] {
  const { auth_method, ...rest } = values;
  return [auth_method ?? Object.keys(sandboxHints(systemId, sims[systemId]!.url)!.credentials)[0]!, rest];
}

describe('sandbox of Acumatica, Odoo, Fiix, UpKeep, Limble, MaintainX, eMaint, Fishbowl, ServiceNow, PI Web API, Tulip, Coupa, Samsara', () => {
  it('has a simulator and a connector for each of the 13 systems', () => {
    expect(Object.keys(CMMS_ERP_MES_SIMULATORS).sort()).toEqual(
      CMMS_ERP_MES_DEFINITIONS.map((d) => d.id).sort(),
    );
    expect(CMMS_ERP_MES_DEFINITIONS).toHaveLength(13);
  });

  for (const def of CMMS_ERP_MES_DEFINITIONS) {
    it(`${def.id}: the sandbox credentials connect, and every scenario ends as its label says`, async () => {
      const hints = sandboxHints(def.id, sims[def.id]!.url);
      expect(hints).toBeDefined();
      const methods = Object.entries(hints!.credentials);
      expect(methods.length).toBeGreaterThan(0);
      for (const [method, values] of methods) {
        const out = await validate(def.id, method, values);
        if (!out.ok) throw new Error(`${def.id}/${method}: ${JSON.stringify(out.error)}`);
      }
      const seen: { label: string; outcome: string }[] = [];
      const scenarios = (hints!.scenarios ?? []).filter((s) => !isSlow(s.label));
      for (const s of scenarios) {
        const out = await validate(def.id, ...scenario(def.id, s.values));
        seen.push({ label: s.label, outcome: outcomeOf(out.ok ? 'OK' : out.error.code) });
      }
      expect(seen).toEqual(scenarios.map((s) => ({ label: s.label, outcome: expectedOf(s.label) })));
    });
  }

  it('times out on every "slow server" scenario (all at once, so the wait is paid once)', async () => {
    const slow = CMMS_ERP_MES_DEFINITIONS.flatMap((d) =>
      (sandboxHints(d.id, sims[d.id]!.url)!.scenarios ?? [])
        .filter((s) => isSlow(s.label))
        .map((s) => ({ id: d.id, values: s.values })),
    );
    expect(slow.map((s) => s.id).sort()).toEqual(CMMS_ERP_MES_DEFINITIONS.map((d) => d.id).sort());
    const outcomes = await Promise.all(
      slow.map(async (s) => {
        const out = await validate(s.id, ...scenario(s.id, s.values), 2_000);
        return { id: s.id, code: out.ok ? 'OK' : out.error.code };
      }),
    );
    expect(outcomes).toEqual(slow.map((s) => ({ id: s.id, code: 'UPSTREAM_TIMEOUT' })));
  });

  it('reports an unreachable instance when a simulator is down', async () => {
    const sim = sims['servicenow']!;
    sim.setMode('down');
    try {
      const hints = sandboxHints('servicenow', sim.url)!;
      const out = await validate('servicenow', 'basic', hints.credentials['basic']!);
      expect(out.ok ? null : out.error.code).toBe('INSTANCE_UNREACHABLE');
    } finally {
      sim.setMode('normal');
    }
  });
});
