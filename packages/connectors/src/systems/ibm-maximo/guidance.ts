import type { Guidance, Guide } from '@flange/protocol';

/** Where Maximo API keys are created (Manage → API Keys). */
export const API_KEY_GUIDE: Guide = {
  title: 'Create a Maximo API key',
  steps: [
    { text: 'Sign in to Maximo as an administrator.' },
    {
      text: 'Open the API Keys application (search for "API Keys" in the menu; in MAS: Manage → Administration → API Keys).',
      anchor: 'api-key',
    },
    { text: 'Choose Add API Key, pick the user the integration acts as, and set an expiry (or none).' },
    { text: 'Copy the key and paste it here. Its user needs read access to work orders and assets.' },
  ],
  doc_url: 'https://www.ibm.com/support/pages/node/7243716',
};

export const MAXAUTH_GUIDE: Guide = {
  title: 'Sign in with a Maximo user',
  steps: [
    { text: 'Use a Maximo user with native authentication (the one you type on the Maximo login page).' },
    {
      text: 'A dedicated integration user is best: it is not locked by someone else’s typing, and its password does not expire.',
    },
    { text: 'The user needs read access to the MXAPIWODETAIL and MXAPIASSET object structures.' },
  ],
};

export const API_KEY_GUIDANCE: Guidance = {
  title: 'Get a new API key',
  steps: [
    'In Maximo, open the API Keys application.',
    'Check whether the key is still listed and not expired; if not, choose Add API Key for the integration user.',
    'Copy the whole key and paste it here.',
  ],
  doc_url: 'https://www.ibm.com/support/pages/node/6825891',
};

export const LOGIN_FAILED_GUIDANCE: Guidance = {
  title: 'Find out why Maximo refused the sign-in',
  steps: [
    'Maximo answers BMXAA7901E for every failed sign-in on purpose; the real reason is recorded for administrators.',
    'An administrator can see it in the Login Tracking records (the LOGINTRACKING table, or Users → Login Tracking) for this user.',
    'In the Users application check the user’s status (ACTIVE, not BLOCKED or LOCKED) and its password expiry.',
    'In Security Groups check that one of the user’s groups may sign in, and that Maximo is not in admin mode.',
  ],
  doc_url: 'https://www.ibm.com/support/pages/node/1113621',
};

export const OBJECT_STRUCTURE_GUIDANCE: Guidance = {
  title: 'Grant read access to the object structure',
  steps: [
    'In Maximo, open Security Groups and select a group of the integration user.',
    'On the Object Structures tab, find the object structure named in the message and grant it Read access.',
    'Save; the user may need to sign in again for the change to apply.',
  ],
  doc_url: 'https://www.ibm.com/docs/en/masv-and-l/cd?topic=groups-object-structures-security',
};

export const IP_BLOCKED_GUIDANCE: Guidance = {
  title: 'Unblock the address',
  steps: [
    'Maximo blocks a client address after many failed sign-ins (BMXAA7878E).',
    'An administrator unblocks it in the Users application → Manage Blocked IP Addresses.',
    'Then check the credentials before trying again, so the block is not triggered a second time.',
  ],
};
