/**
 * Seeded identities and records of the Maximo simulator. Scenarios are chosen by the credential values,
 * the way Plaid's sandbox uses `user_good`: the values are public and only ever accepted here.
 */

/** A Maximo user as whoami describes it (field names as Maximo returns them). */
export interface MaximoUser {
  loginID: string;
  userName: string;
  personid: string;
  displayName: string;
  primaryemail: string;
  insertSite: string;
  insertOrg: string;
  defaultSite: string;
  defaultOrg: string;
  langcode: string;
  baseCurrency: string;
}

/** What a credential leads to, beyond "wrong". */
export type CredentialScenario =
  | { kind: 'ok'; user: MaximoUser; deniedObjectStructures?: string[]; slow?: boolean }
  /** BMXAA7901E: locked, inactive, expired password… (Maximo says the same for all of them). */
  | { kind: 'login_failed'; realReason: string }
  /** BMXAA9549E: an API key that was revoked or expired. */
  | { kind: 'key_invalid'; realReason: string }
  /** BMXAA7878E: the client address is on the blocked list. */
  | { kind: 'ip_blocked' };

const person = (loginID: string, displayName: string, personid = loginID.toUpperCase()): MaximoUser => ({
  loginID,
  userName: loginID.toUpperCase(),
  personid,
  displayName,
  primaryemail: `${loginID.toLowerCase()}@bedford.example`,
  insertSite: 'BEDFORD',
  insertOrg: 'EAGLENA',
  defaultSite: 'BEDFORD',
  defaultOrg: 'EAGLENA',
  langcode: 'EN',
  baseCurrency: 'USD',
});

export const MAXADMIN = person('maxadmin', 'Max Admin');
export const MXINTADM = person('mxintadm', 'Integration Admin');
export const WILSON = person('wilson', 'Mike Wilson');
export const NOPERM = person('noperm', 'Reporting Only');

/** Native (maxauth) users: username (case-insensitive) → password and scenario. */
export const NATIVE_USERS: Record<string, { password: string | null; scenario: CredentialScenario }> = {
  maxadmin: { password: 'pass_good', scenario: { kind: 'ok', user: MAXADMIN } },
  wilson: { password: 'pass_good', scenario: { kind: 'ok', user: WILSON } },
  noperm: {
    password: 'pass_good',
    scenario: { kind: 'ok', user: NOPERM, deniedObjectStructures: ['MXAPIASSET'] },
  },
  slow: {
    password: 'pass_good',
    scenario: { kind: 'ok', user: person('slow', 'Slow Network User'), slow: true },
  },
  // null password: every password fails, as it would for a locked or inactive account.
  locked: {
    password: null,
    scenario: { kind: 'login_failed', realReason: 'user is BLOCKED after too many failed logins' },
  },
  inactive: { password: null, scenario: { kind: 'login_failed', realReason: 'user status is INACTIVE' } },
  expired: { password: null, scenario: { kind: 'login_failed', realReason: 'password has expired' } },
  blocked: { password: null, scenario: { kind: 'ip_blocked' } },
};

/** API keys (Manage → API Keys): key → scenario. Any other key is unknown (BMXAA9549E). */
export const API_KEYS: Record<string, CredentialScenario> = {
  'maximo-good-key': { kind: 'ok', user: MXINTADM },
  'maximo-noperm-key': { kind: 'ok', user: NOPERM, deniedObjectStructures: ['MXAPIASSET'] },
  'maximo-slow-key': { kind: 'ok', user: MXINTADM, slow: true },
  'maximo-expired-key': { kind: 'key_invalid', realReason: 'key expired' },
  'maximo-revoked-key': { kind: 'key_invalid', realReason: 'key revoked by the administrator' },
  'maximo-blocked-key': { kind: 'ip_blocked' },
};

/** Object structures the simulator serves, with a few Bedford demo records each. */
export const OBJECT_STRUCTURES: Record<string, { key: string; records: Record<string, string | number>[] }> =
  {
    MXAPIWODETAIL: {
      key: 'wonum',
      records: [
        {
          wonum: '1001',
          description: 'Replace pump seal P-101',
          status: 'APPR',
          siteid: 'BEDFORD',
          worktype: 'CM',
        },
        {
          wonum: '1002',
          description: 'Quarterly HVAC inspection',
          status: 'WAPPR',
          siteid: 'BEDFORD',
          worktype: 'PM',
        },
      ],
    },
    MXAPIASSET: {
      key: 'assetnum',
      records: [
        {
          assetnum: '11430',
          description: 'Centrifugal pump 100 GPM',
          status: 'OPERATING',
          siteid: 'BEDFORD',
        },
        { assetnum: '11450', description: 'Air handling unit AHU-2', status: 'OPERATING', siteid: 'BEDFORD' },
      ],
    },
    MXAPIOPERLOC: {
      key: 'location',
      records: [
        { location: 'BR430', description: 'Boiler room 430', status: 'OPERATING', siteid: 'BEDFORD' },
      ],
    },
    MXAPIINVENTORY: {
      key: 'itemnum',
      records: [{ itemnum: '0-0031', location: 'CENTRAL', curbaltotal: 42, siteid: 'BEDFORD' }],
    },
    MXAPIPO: {
      key: 'ponum',
      records: [
        { ponum: '1000', description: 'Pump spares', status: 'APPR', siteid: 'BEDFORD', totalcost: 1250 },
      ],
    },
  };
