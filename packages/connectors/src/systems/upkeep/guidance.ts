import type { Guidance, Guide } from '@flange/protocol';

export const PASSWORD_GUIDE: Guide = {
  title: 'Connect with an UpKeep account',
  steps: [
    { text: 'Use the email and password you sign in to UpKeep with (app.onupkeep.com).' },
    {
      text: 'A dedicated Administrator or Technician account works best: Requester accounts cannot read work orders.',
    },
    {
      text: 'Accounts that sign in only through single sign-on have no UpKeep password; ask your administrator for a password-enabled integration account.',
    },
  ],
  doc_url: 'https://developers.onupkeep.com/',
};

export const LOGIN_GUIDANCE: Guidance = {
  title: 'Check the email and password',
  steps: [
    'Sign in at app.onupkeep.com with the same email and password.',
    'If that fails too, use "Forgot password" there, then enter the new password here.',
  ],
};

export const ROLE_GUIDANCE: Guidance = {
  title: 'Use an account with a broader role',
  steps: [
    'In UpKeep, an administrator opens Settings → Users and checks the role of this account.',
    'Requesters only see their own requests; choose a Technician or Administrator account for the integration.',
  ],
};
