import type { Guidance, Guide } from '@flange/protocol';

export const API_KEYS_GUIDE: Guide = {
  title: 'Create Fiix API keys',
  steps: [
    {
      text: 'Sign in to Fiix as an administrator and open Settings → Connect Management (API Applications).',
      anchor: 'keys',
    },
    { text: 'Add an API application for Flange: Fiix shows its application key.' },
    {
      text: 'Add an access key to it for the user the integration acts as: Fiix shows the access key and the secret key. Copy the secret now; it is shown only once.',
    },
    { text: 'The address is your tenant: https://yourcompany.macmms.com.', anchor: 'url' },
  ],
  doc_url: 'https://fiixlabs.github.io/api-documentation/guide.html',
};

export const KEYS_GUIDANCE: Guidance = {
  title: 'Check the keys in Fiix',
  steps: [
    'In Fiix, open Settings → Connect Management and select the Flange API application.',
    'Check that the application is enabled and that the access key is still listed and enabled.',
    'If you no longer have the secret key, create a new access key and copy all three values again.',
  ],
  doc_url: 'https://fiixlabs.github.io/api-documentation/guide.html',
};

export const PERMISSION_GUIDANCE: Guidance = {
  title: 'Give the key’s user access',
  steps: [
    'In Fiix, open Settings → Users and find the user of this access key.',
    'Give its role view rights on work orders, assets, purchasing and inventory.',
  ],
};

export const CLOCK_GUIDANCE: Guidance = {
  title: 'Clocks disagree',
  steps: [
    'Fiix checks the time in every signed request, and it differs too much from Fiix’s clock.',
    'Try again in a few minutes. If it keeps happening, contact Flange support: our servers’ clocks are checked against Fiix’s.',
  ],
};
