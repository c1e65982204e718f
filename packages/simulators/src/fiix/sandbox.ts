import type { SandboxHints } from '@flange/protocol';
import { FIIX_ACCESS_KEYS, FIIX_APP_KEY, FIIX_SECRET_KEY } from './data';

/** What the test environment shows next to the Fiix form. */
export function fiixSandboxHints(url: string): SandboxHints {
  const good = {
    instance_url: url,
    app_key: FIIX_APP_KEY,
    access_key: FIIX_ACCESS_KEYS.good,
    secret_key: FIIX_SECRET_KEY,
  };
  const withKey = (access_key: string) => ({ auth_method: 'api_keys', ...good, access_key });
  return {
    note: 'Test environment: this points at the Flange Fiix simulator. Requests are HMAC-signed as on a real tenant.',
    instance_url: url,
    credentials: { api_keys: good },
    scenarios: [
      {
        label: 'Wrong secret key (signature mismatch)',
        values: { auth_method: 'api_keys', ...good, secret_key: 'macmmsaskp00000000000000000000000000wrong' },
      },
      { label: 'Access key revoked', values: withKey(FIIX_ACCESS_KEYS.revoked) },
      { label: 'Clock skew (server clock 20 minutes ahead)', values: withKey(FIIX_ACCESS_KEYS.clockSkew) },
      {
        label: 'Signed in, but no permission on purchase orders',
        values: withKey(FIIX_ACCESS_KEYS.noPermission),
      },
      { label: 'Throttled by Fiix', values: withKey(FIIX_ACCESS_KEYS.throttled) },
      { label: 'Slow server (times out)', values: withKey(FIIX_ACCESS_KEYS.slow) },
    ],
  };
}
