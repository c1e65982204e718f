import type { SandboxHints } from '@flange/protocol';

/** What the test environment shows next to the Maximo form: where the simulator is and what to type. */
export function maximoSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: this points at the Flange Maximo simulator. Use the values below; other values behave like a real Maximo that rejects them.',
    instance_url: url,
    credentials: {
      api_key: { instance_url: url, api_key: 'maximo-good-key' },
      maxauth: { instance_url: url, username: 'maxadmin', password: 'pass_good' },
    },
    scenarios: [
      {
        label: 'API key expired or revoked (BMXAA9549E)',
        values: { auth_method: 'api_key', instance_url: url, api_key: 'maximo-expired-key' },
      },
      {
        label: 'Signed in, but no access to assets (BMXAA9301E)',
        values: { auth_method: 'api_key', instance_url: url, api_key: 'maximo-noperm-key' },
      },
      {
        label: 'Client IP blocked (BMXAA7878E)',
        values: { auth_method: 'api_key', instance_url: url, api_key: 'maximo-blocked-key' },
      },
      {
        label: 'Slow server (times out)',
        values: { auth_method: 'api_key', instance_url: url, api_key: 'maximo-slow-key' },
      },
      {
        label: 'Wrong password (BMXAA7901E)',
        values: { auth_method: 'maxauth', instance_url: url, username: 'maxadmin', password: 'wrong' },
      },
      {
        label: 'Locked user (BMXAA7901E)',
        values: { auth_method: 'maxauth', instance_url: url, username: 'locked', password: 'anything' },
      },
      {
        label: 'Signed in, but no access to assets',
        values: { auth_method: 'maxauth', instance_url: url, username: 'noperm', password: 'pass_good' },
      },
    ],
  };
}
