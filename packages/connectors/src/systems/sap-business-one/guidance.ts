import type { Guidance, Guide } from '@flange/protocol';

export const SERVICE_LAYER_GUIDE: Guide = {
  title: 'Connect through the Service Layer',
  steps: [
    {
      text: 'The Service Layer runs on the Business One server, usually at https://<server>:50000. Open https://<server>:50000/b1s/v1 in a browser to check it answers.',
      anchor: 'url',
    },
    {
      text: 'A new installation uses a self-signed certificate: you will be shown its fingerprint to confirm with your IT team.',
    },
    {
      text: 'The company database is the name shown in the "Choose Company" window (Database Name column), for example SBODEMOUS.',
      anchor: 'company',
    },
    { text: 'Each sign-in uses a licence seat while it lasts; Flange signs out right after checking.' },
  ],
};

export const LOGIN_FAILED_GUIDANCE: Guidance = {
  title: 'Check the sign-in values',
  steps: [
    'Sign in to the Business One client with the same user, password and company to confirm them.',
    'Copy the database name (not the company name) from the Choose Company window.',
    'If the client signs in but Flange cannot, ask your administrator to check the company in the System Landscape Directory (https://<server>:40000/ControlCenter).',
  ],
};

export const LOCKED_GUIDANCE: Guidance = {
  title: 'Unlock the user',
  steps: [
    'An administrator unlocks the user in Administration → Setup → General → Users (clear "Locked").',
    'Check the password before trying again.',
  ],
};

export const LICENSE_GUIDANCE: Guidance = {
  title: 'Assign a licence',
  steps: [
    'In Administration → License → License Administration, assign a licence (for example Professional or Indirect Access) to this user.',
    'Or use a user that already has one. Signed-in sessions hold a seat until they sign out.',
  ],
};

export const PERMISSION_GUIDANCE: Guidance = {
  title: 'Grant read access',
  steps: [
    'In Administration → System Initialization → Authorizations → General Authorizations, give this user at least Read Only for the document named in the message.',
  ],
};
