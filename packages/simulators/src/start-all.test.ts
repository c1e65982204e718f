import { SandboxHints } from '@flange/protocol';
import { describe, expect, it } from 'vitest';
import { SIMULATORS } from './registry';
import { sandboxHints, startSimulators } from './start-all';

describe('startSimulators', () => {
  it('starts every registered simulator and closes them', async () => {
    const running = await startSimulators();
    try {
      expect(Object.keys(running.systems)).toEqual(Object.keys(SIMULATORS));
      const maximo = running.systems['ibm-maximo']!;
      const res = await fetch(`${maximo.url}/maximo/api/whoami`, { headers: { apikey: 'maximo-good-key' } });
      expect(res.status).toBe(200);
      // Every fixed cloud host points at a running simulator, so the demo reaches them all.
      const urls = new Set(Object.values(running.systems).map((s) => s.url));
      expect(running.hostOverrides['api.getmaintainx.com']).toBe(running.systems['maintainx']!.url);
      expect(running.hostOverrides['login.microsoftonline.com']).toBeDefined();
      for (const target of Object.values(running.hostOverrides)) {
        expect(urls.has(new URL(target).origin)).toBe(true);
      }
    } finally {
      await running.close();
    }
  }, 60_000);

  it('sandbox hints are valid protocol and name the seeded credentials', () => {
    const hints = sandboxHints('ibm-maximo', 'http://127.0.0.1:4101');
    expect(SandboxHints.parse(hints)).toEqual(hints);
    expect(hints!.credentials['api_key']).toMatchObject({ api_key: 'maximo-good-key' });
    expect(hints!.credentials['maxauth']).toMatchObject({ username: 'maxadmin' });
    expect(hints!.scenarios!.length).toBeGreaterThanOrEqual(5);
    expect(sandboxHints('no-such-system', 'http://x')).toBeUndefined();
  });
});
