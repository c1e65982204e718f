import type { Guidance, Guide } from '@flange/protocol';

export const CSRF_NOTE =
  'Reads never need one; this is a Gateway configuration problem, not a credentials problem.';

export const ONPREM_GUIDE: Guide = {
  title: 'Prepare an SAP user for the integration',
  steps: [
    {
      text: 'Use the HTTPS address of the SAP Gateway (the host and port of your Fiori launchpad, e.g. https://sap.example.com:44300).',
      anchor: 'url',
    },
    {
      text: 'The client is the three-digit number you choose at SAP logon (for example 100).',
      anchor: 'client',
    },
    {
      text: 'Ask your SAP basis team for a user of type System (SU01 → Logon data): it is never asked to change its password.',
      anchor: 'user',
    },
    {
      text: 'Its role needs S_SERVICE for /IWFND/CATALOGSERVICE and for the API services (API_PURCHASEORDER_PROCESS_SRV, API_PRODUCT_SRV, API_MAINTENANCEORDER, API_EQUIPMENT), and read authorizations for the data.',
    },
    { text: 'The services must be active in /IWFND/MAINT_SERVICE.' },
  ],
};

export const ONPREM_WHERE: string[] = [
  'SAP deliberately hides the reason of a failed HTTP logon. An administrator sees it in the system log (SM21) or the ICM trace (SMICM) at the time of the attempt.',
  'In SU01 check the user: locked (after failed logons or by an administrator), validity dates, and password status (initial or expired).',
  'Make sure the client number is right: the same user name can exist with other passwords in other clients.',
];

export const MISSING_SERVICE_GUIDANCE: Guidance = {
  title: 'Activate the OData service',
  steps: [
    'On S/4HANA on-premise, activate the service in transaction /IWFND/MAINT_SERVICE (Add Service, system alias LOCAL).',
    'On S/4HANA Cloud, add the communication arrangement for the scenario that contains the service.',
    'Data the integration does not need can stay unavailable; it is reported as not readable.',
  ],
};
