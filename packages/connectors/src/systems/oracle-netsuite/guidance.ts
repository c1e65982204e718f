import type { Guidance, Guide } from '@flange/protocol';

export const TBA_GUIDE: Guide = {
  title: 'Create token-based credentials in NetSuite',
  steps: [
    {
      text: 'Your account ID is in Setup → Company → Company Information (sandbox IDs end in _SB1).',
      anchor: 'account',
    },
    {
      text: 'In Setup → Company → Enable Features → SuiteCloud, turn on REST Web Services and Token-Based Authentication.',
    },
    {
      text: 'In Setup → Integration → Manage Integrations → New, tick Token-Based Authentication and save. Copy the consumer key and secret: they are shown once.',
      anchor: 'consumer',
    },
    {
      text: 'Give the integration role the permissions REST Web Services, User Access Tokens, and View on Purchase Order, Items and Work Order.',
    },
    {
      text: 'In Setup → Users/Roles → Access Tokens → New, choose the integration, user and role. Copy the token ID and secret: they are shown once.',
      anchor: 'token',
    },
  ],
  doc_url: 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4247337262.html',
};

export const AUDIT_TRAIL_GUIDANCE: Guidance = {
  title: 'See the real reason in the Login Audit Trail',
  steps: [
    'In NetSuite open Setup → Users/Roles → User Management → View Login Audit Trail.',
    'Search for the time of the attempt (add the Detail column if it is hidden); Detail names the reason, such as InvalidSignature, TokenRejected or FeatureDisabled.',
    'Fix that, or create a new access token and paste all four values again.',
  ],
  doc_url: 'https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html',
};

export const CLOCK_GUIDANCE: Guidance = {
  title: 'Clock difference',
  steps: [
    'This is not a problem with your credentials. It is on our side or in the network path; try again in a few minutes, and contact support if it persists.',
  ],
};

export const ROLE_PERMISSION_GUIDANCE: Guidance = {
  title: 'Give the role the missing permission',
  steps: [
    'In Setup → Users/Roles → Manage Roles, edit the role of the access token.',
    'On the Permissions subtabs add View (or higher) for the record named in the message: Transactions → Purchase Order, Lists → Items, Transactions → Work Order.',
    'Save; the token keeps working with the new permissions.',
  ],
};
