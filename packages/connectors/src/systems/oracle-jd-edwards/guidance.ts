import type { Guidance, Guide } from '@flange/protocol';

export const AIS_GUIDE: Guide = {
  title: 'Sign in through the AIS Server',
  steps: [
    {
      text: 'Use the address of the AIS Server (Server Manager lists it; its REST API answers at /jderest/v2/defaultconfig).',
      anchor: 'url',
    },
    {
      text: 'The environment is the one you pick when signing in to EnterpriseOne, for example JDV920 (development) or PD920 (production).',
      anchor: 'environment',
    },
    { text: 'Use a user whose role may read work orders (F4801) and assets (F1201).' },
  ],
};

export const LOGIN_FAILED_GUIDANCE: Guidance = {
  title: 'Find the reason',
  steps: [
    'Sign in to the EnterpriseOne web client with the same user, password and environment.',
    'In Security Workbench (P98OWSEC) check that the user is enabled and the password is not expired.',
    'In Server Manager, check the AIS Server’s allowed login types and its log for the time of the attempt.',
  ],
};

export const ALLOWED_HOSTS_GUIDANCE: Guidance = {
  title: 'Let the HTML server accept the AIS Server',
  steps: [
    'In Server Manager, open the HTML server (JAS) configuration → Security → allowed hosts for AIS, and add this AIS Server.',
    'Restart the HTML server and try again.',
  ],
};

export const TABLE_SECURITY_GUIDANCE: Guidance = {
  title: 'Grant read access to the table',
  steps: [
    'In Security Workbench, check row and application security for the table named in the message, and allow the user’s role to view it.',
  ],
};
