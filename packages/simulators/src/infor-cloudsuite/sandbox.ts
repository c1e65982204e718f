import type { SandboxHints } from '@flange/protocol';
import { ION_TENANT, sandboxIonapi } from './simulator';

const file = (overrides: Record<string, string>) =>
  JSON.stringify({ ...sandboxIonapi(), ...overrides }, null, 2);

/** What the test environment shows next to the Infor form: .ionapi texts to upload, by scenario. */
export function inforSandboxHints(url: string): SandboxHints {
  return {
    note: 'Test environment: the Flange ION API simulator answers for mingle-sso.inforcloudsuite.com and mingle-ionapi.inforcloudsuite.com (host override map). Paste or upload the .ionapi text.',
    instance_url: url,
    credentials: { ionapi: { ionapi_file: file({}) } },
    scenarios: [
      {
        label: 'Wrong client secret (invalid_client)',
        values: { auth_method: 'ionapi', ionapi_file: file({ cs: 'wrong' }) },
      },
      {
        label: 'Wrong service account secret (invalid_grant)',
        values: { auth_method: 'ionapi', ionapi_file: file({ sask: 'wrong' }) },
      },
      {
        label: 'Disabled service account',
        values: { auth_method: 'ionapi', ionapi_file: file({ saak: `${ION_TENANT}#svc_disabled` }) },
      },
      {
        label: 'Service account without M3 authority',
        values: { auth_method: 'ionapi', ionapi_file: file({ saak: `${ION_TENANT}#svc_noauth` }) },
      },
    ],
  };
}
