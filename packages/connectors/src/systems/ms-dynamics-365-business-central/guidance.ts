import type { Guidance, Guide } from '@flange/protocol';

export const BC_GUIDE: Guide = {
  title: 'Register an app for Business Central',
  steps: [
    {
      text: 'In the Microsoft Entra admin center, App registrations → New registration (single tenant). Copy the Directory (tenant) ID and Application (client) ID.',
      anchor: 'tenant',
    },
    {
      text: 'API permissions → Add → Dynamics 365 Business Central → Application permissions → API.ReadWrite.All, then Grant admin consent.',
      anchor: 'app',
    },
    { text: 'Certificates & secrets → New client secret; copy its Value at once.', anchor: 'secret' },
    {
      text: 'In Business Central, open Microsoft Entra Applications, add the client ID, set State to Enabled and assign permission sets (for example D365 READ).',
    },
    {
      text: 'The environment name is shown in the Business Central admin center (often "production").',
      anchor: 'environment',
    },
  ],
  doc_url:
    'https://learn.microsoft.com/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication',
};

export const BC_APP_GUIDANCE: Guidance = {
  title: 'Add the app in Business Central',
  steps: [
    'In Business Central search for "Microsoft Entra Applications" and choose New.',
    'Enter the Application (client) ID, set State to Enabled, add permission sets such as D365 READ, and choose Grant Consent.',
  ],
};

export const BC_PERMISSION_GUIDANCE: Guidance = {
  title: 'Give the app read permissions',
  steps: [
    'In Business Central → Microsoft Entra Applications, open the app and add a permission set that reads the data (for example D365 READ, or D365 BASIC plus the area’s set).',
  ],
};
