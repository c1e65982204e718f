import type { Guide } from '@flange/protocol';

export const CLOUD_BASIC_GUIDE: Guide = {
  title: 'Create a communication user and arrangement',
  steps: [
    {
      text: 'In S/4HANA Cloud, open Maintain Communication Users and create a user with a password.',
      anchor: 'user',
    },
    {
      text: 'In Communication Systems, create a system for Flange and add the user as inbound user (authentication method: user and password).',
    },
    {
      text: 'In Communication Arrangements, create the arrangements for the data to share: SAP_COM_0053 (purchase orders), SAP_COM_0009 (products), SAP_COM_0395 (maintenance orders and equipment), with this system.',
    },
    { text: 'The API address is shown in each arrangement (my…-api.s4hana.cloud.sap).', anchor: 'url' },
  ],
};

export const XSUAA_GUIDE: Guide = {
  title: 'Use an XSUAA service key',
  steps: [
    {
      text: 'In the SAP BTP cockpit, open the subaccount and the XSUAA service instance that trusts your S/4HANA tenant.',
      anchor: 'xsuaa',
    },
    { text: 'Create a service key; copy clientid and clientsecret from it.' },
    {
      text: 'The token URL in the key reads https://<subdomain>.authentication.<region>.hana.ondemand.com: enter its subdomain and region.',
    },
  ],
};

export const CLOUD_WHERE: string[] = [
  'S/4HANA Cloud does not say why a logon failed. In Maintain Communication Users check that the user exists and is not locked, and set a new password if unsure.',
  'Check that the user is the inbound user of the Communication System used by your arrangements.',
];
