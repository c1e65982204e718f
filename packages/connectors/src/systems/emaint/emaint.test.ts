import { EMAINT_PASSWORD, startEmaintSimulator } from '@flange/simulators';
import type { EmaintSimulator } from '@flange/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '../../connectors';
import { contractPolicy } from '../../testing';
import { emaint, EMAINT_USER_AGENT } from './definition';

let sim: EmaintSimulator;
beforeAll(async () => {
  sim = await startEmaintSimulator();
});
afterAll(() => sim.close());

describe('eMaint connector', () => {
  it('sends the same Xt-UserAgent on the login and on every call with its token', async () => {
    sim.clearLog();
    const out = await createConnectors({ policy: contractPolicy(), definitions: [emaint] }).validate(
      {
        systemId: 'emaint',
        authMethod: 'password',
        values: { instance_url: sim.url, user_id: 'flange_api', password: EMAINT_PASSWORD },
      },
      () => undefined,
    );
    expect(out.ok).toBe(true);
    expect(sim.requests.length).toBe(4);
    expect(new Set(sim.requests.map((r) => r.headers['xt-useragent']))).toEqual(new Set([EMAINT_USER_AGENT]));
    expect(sim.state.agentMismatches).toBe(0);
  });
});
