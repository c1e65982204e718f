/**
 * Seeded users, tenants and records of the Acumatica simulator. Scenarios are chosen by the username (the
 * values are public and only ever accepted here); every scenario user's password is `ACUMATICA_PASSWORD`.
 */

export const ACUMATICA_PASSWORD = 'Sandbox-Pass-1';
export const ACUMATICA_TENANTS = ['Company', 'Demo'] as const;
export const ACUMATICA_BUILD = '24.108.0012';
export const ACUMATICA_ENDPOINT_VERSIONS = ['20.200.001', '22.200.001', '23.200.001', '24.200.001'] as const;

export type AcumaticaScenario =
  | { kind: 'ok'; deniedEntities?: string[]; slow?: boolean }
  | { kind: 'locked' }
  | { kind: 'password_expired' }
  | { kind: 'license_limit' };

export interface AcumaticaUser {
  username: string;
  displayName: string;
  branch: string;
  scenario: AcumaticaScenario;
}

const user = (
  username: string,
  displayName: string,
  scenario: AcumaticaScenario,
  branch = 'HEADOFFICE',
): AcumaticaUser => ({
  username,
  displayName,
  branch,
  scenario,
});

/** Username (case-insensitive) → user. */
export const ACUMATICA_USERS: Record<string, AcumaticaUser> = {
  admin: user('admin', 'System Administrator', { kind: 'ok' }),
  api_good: user('api_good', 'Integration User', { kind: 'ok' }),
  api_noperm: user('api_noperm', 'Sales Clerk', { kind: 'ok', deniedEntities: ['PurchaseOrder'] }),
  api_locked: user('api_locked', 'Locked Out User', { kind: 'locked' }),
  api_expired: user('api_expired', 'Expired Password User', { kind: 'password_expired' }),
  api_limit: user('api_limit', 'Licence Limit User', { kind: 'license_limit' }),
  api_slow: user('api_slow', 'Slow Network User', { kind: 'ok', slow: true }),
};

/**
 * Error texts. "Invalid credentials. Please try again." and "API Login Limit" are quoted in community
 * threads and Acumatica's licence documentation [K]; the locked and expired texts are best guesses [U].
 */
export const ACUMATICA_MESSAGES = {
  invalid: 'Invalid credentials. Please try again.',
  locked: 'Your account is locked out. Please contact your system administrator.',
  expired: 'Your password has expired. Please change your password.',
  licenseLimit: 'API Login Limit',
  tenantRequired: 'You must specify a tenant name.',
  notLoggedIn: 'You are not logged in.',
} as const;

/** Records of the Default endpoint's entities (field values wrapped in {value}, as the contract API sends them). */
export const ACUMATICA_RECORDS: Record<string, { screen: string; rows: Record<string, string | number>[] }> =
  {
    StockItem: {
      screen: 'IN202500',
      rows: [
        {
          InventoryID: 'AACOMPUT01',
          Description: 'Acer Laptop Computer',
          ItemStatus: 'Active',
          DefaultWarehouseID: 'WHOLESALE',
        },
        {
          InventoryID: 'AALEGO500',
          Description: 'Lego 500 piece set',
          ItemStatus: 'Active',
          DefaultWarehouseID: 'RETAIL',
        },
      ],
    },
    PurchaseOrder: {
      screen: 'PO301000',
      rows: [
        { OrderNbr: 'PO000001', Type: 'Normal', Status: 'Open', VendorID: 'AAVENDOR', OrderTotal: 1250 },
      ],
    },
    Vendor: {
      screen: 'AP303000',
      rows: [{ VendorID: 'AAVENDOR', VendorName: 'Active Apparel Vendor', Status: 'Active' }],
    },
  };
