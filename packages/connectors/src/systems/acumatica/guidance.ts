import type { Guidance, Guide } from '@flange/protocol';

const DOCS =
  'https://help.acumatica.com/(W(1))/Help?ScreenId=ShowWiki&pageid=b9c5f3c1-9f3e-4b10-8c5a-22a8d5d17cbf';

export const PASSWORD_GUIDE: Guide = {
  title: 'Connect with an Acumatica user',
  steps: [
    {
      text: 'Use the address you open Acumatica at, including the site folder if there is one (for example https://erp.example.com/AcumaticaERP).',
      anchor: 'url',
    },
    {
      text: 'Create a dedicated integration user (System → User Security → Users) with a role that can view stock items and purchase orders.',
      anchor: 'user',
    },
    {
      text: 'If your site hosts several tenants (companies), enter the tenant name exactly as on the sign-in page.',
      anchor: 'tenant',
    },
    {
      text: 'Flange signs out after every check: each API session holds one of the licence’s web-service seats.',
    },
  ],
  doc_url: DOCS,
};

export const LOGIN_FAILED_GUIDANCE: Guidance = {
  title: 'Check the sign-in details',
  steps: [
    'Sign in to Acumatica in a browser with the same user name, password and tenant.',
    'If the browser sign-in works, make sure the tenant name here matches the one on the sign-in page.',
    'An administrator sees failed sign-ins in System → Management → Access History.',
  ],
};

export const LOCKED_GUIDANCE: Guidance = {
  title: 'Unlock the user',
  steps: [
    'An administrator opens System → User Security → Users and selects the user.',
    'Clear the lock (or reset the password), then try again here.',
  ],
};

export const EXPIRED_GUIDANCE: Guidance = {
  title: 'Set a new password',
  steps: [
    'Sign in to Acumatica in a browser with this user: it asks for a new password.',
    'For an integration user, an administrator can turn off password expiry in its user settings.',
  ],
};

export const LICENSE_GUIDANCE: Guidance = {
  title: 'Free a web-service seat',
  steps: [
    'The licence limits concurrent API users ("Maximum Number of Web Services API Users"); other integrations hold them all right now.',
    'An administrator sees the licence limits in System → Licensing → License Monitoring Console.',
    'Ask the owners of other integrations to sign out after use, wait for idle sessions to expire, or extend the licence; then try again.',
  ],
};

export const RIGHTS_GUIDANCE: Guidance = {
  title: 'Give the user access',
  steps: [
    'An administrator opens System → User Security → User Roles for a role of this user.',
    'Grant at least view rights on Stock Items (IN202500) and Purchase Orders (PO301000).',
  ],
};
