import type { Guidance, Guide } from '@flange/protocol';

export const API_KEY_GUIDE: Guide = {
  title: 'Create an Odoo API key',
  steps: [
    { text: 'Sign in to Odoo as the user the integration acts as.' },
    {
      text: 'Open your avatar menu → My Profile (Preferences) → Account Security, and choose New API Key.',
      anchor: 'api-key',
    },
    { text: 'Name it (for example "Flange"), pick a duration, and copy the key: Odoo shows it only once.' },
    {
      text: 'The database is the name in the database selector; on Odoo Online it is usually your subdomain.',
      anchor: 'database',
    },
  ],
  doc_url: 'https://www.odoo.com/documentation/19.0/developer/reference/external_api.html',
};

export const PASSWORD_GUIDE: Guide = {
  title: 'Connect with a login and password (Odoo 18 and earlier)',
  steps: [
    {
      text: 'Use the login (usually an email) and the password of the Odoo user, or an API key in place of the password.',
    },
    {
      text: 'Users with two-factor authentication must use an API key here: Odoo refuses their password over the API.',
    },
    {
      text: 'The database is the name in the database selector; on Odoo Online it is usually your subdomain.',
      anchor: 'database',
    },
  ],
  doc_url: 'https://www.odoo.com/documentation/18.0/developer/reference/external_api.html',
};

export const KEY_GUIDANCE: Guidance = {
  title: 'Make a new API key',
  steps: [
    'In Odoo, open My Profile → Account Security and check the key is still listed (keys can expire).',
    'If not, choose New API Key, copy it at once and paste it here.',
    'Make sure the key was made in the database you entered.',
  ],
};

export const LOGIN_GUIDANCE: Guidance = {
  title: 'Check the login',
  steps: [
    'Sign in to Odoo in a browser with the same login and password, in the same database.',
    'If the user has two-factor authentication, create an API key (My Profile → Account Security) and enter it as the password.',
  ],
};

export const PLAN_GUIDANCE: Guidance = {
  title: 'Enable the external API',
  steps: [
    'Odoo Online only offers the external API on the Custom plan.',
    'An administrator can change the plan in the Odoo subscription portal, then try again.',
  ],
  doc_url: 'https://www.odoo.com/pricing-plan',
};

export const ACCESS_GUIDANCE: Guidance = {
  title: 'Give the user access',
  steps: [
    'In Odoo, open Settings → Users & Companies → Users and select the user.',
    'Give it at least user rights on Purchase and Inventory (and Maintenance, for work orders and equipment).',
  ],
};

export const VERSION_GUIDANCE: Guidance = {
  title: 'Use the login method',
  steps: [
    'The JSON-2 API with API keys exists from Odoo 19. Choose "Login and password" and enter an API key or password there.',
  ],
};
