/**
 * Seeded databases, users, API keys and records of the Odoo simulator. Scenarios are chosen by the values
 * (Plaid style): an API key, a login, or the database name `standard-plan`.
 */

export const ODOO_DATABASES = ['acme-prod', 'standard-plan'] as const;
/** A database on Odoo Online's Standard plan: the external API is not available [V that it is refused; U how]. */
export const ODOO_STANDARD_PLAN_DB = 'standard-plan';

export interface OdooUser {
  uid: number;
  login: string;
  name: string;
  password: string;
  company: [number, string];
  /** Password logins fail over RPC when two-factor authentication is on; API keys still work [K]. */
  totp?: boolean;
  deniedModels?: string[];
  slow?: boolean;
}

const company: [number, string] = [1, 'Acme Manufacturing'];

export const ODOO_USERS: OdooUser[] = [
  { uid: 2, login: 'admin', name: 'Mitchell Admin', password: 'admin-sandbox', company },
  {
    uid: 6,
    login: 'clerk',
    name: 'Sales Clerk',
    password: 'clerk-sandbox',
    company,
    deniedModels: ['maintenance.request', 'purchase.order'],
  },
  { uid: 7, login: 'totp', name: 'Two-Factor User', password: 'totp-sandbox', company, totp: true },
  { uid: 8, login: 'slow', name: 'Slow Network User', password: 'slow-sandbox', company, slow: true },
];

/** API keys (Preferences → Account Security → New API Key): 40 hex characters → uid, or 'expired'. */
export const ODOO_API_KEYS: Record<string, number | 'expired'> = {
  '900d0000000000000000000000000000000000a1': 2,
  '900d0000000000000000000000000000000000b6': 6,
  '900d0000000000000000000000000000000000c7': 7,
  '900d0000000000000000000000000000000000d8': 8,
  // Odoo 18+ keys carry an expiry; an expired key is simply not found, like a revoked one.
  dead0000000000000000000000000000000000e1: 'expired',
};

export const ODOO_KEYS = {
  good: '900d0000000000000000000000000000000000a1',
  noAccess: '900d0000000000000000000000000000000000b6',
  totpUser: '900d0000000000000000000000000000000000c7',
  slow: '900d0000000000000000000000000000000000d8',
  expired: 'dead0000000000000000000000000000000000e1',
} as const;

/** Models the simulator serves: technical name → description and a few rows. */
export const ODOO_MODELS: Record<string, { description: string; rows: Record<string, unknown>[] }> = {
  'maintenance.request': {
    description: 'Maintenance Request',
    rows: [
      {
        id: 1,
        name: 'Replace conveyor belt',
        display_name: 'Replace conveyor belt',
        stage_id: [1, 'New Request'],
      },
    ],
  },
  'maintenance.equipment': {
    description: 'Maintenance Equipment',
    rows: [{ id: 1, name: 'Conveyor C-12', display_name: 'Conveyor C-12', serial_no: 'C12-0042' }],
  },
  'purchase.order': {
    description: 'Purchase Order',
    rows: [{ id: 1, name: 'P00001', display_name: 'P00001', state: 'purchase', amount_total: 1250.0 }],
  },
  'product.product': {
    description: 'Product Variant',
    rows: [{ id: 1, name: 'Bearing 6204', display_name: '[B6204] Bearing 6204', default_code: 'B6204' }],
  },
  'res.users': { description: 'User', rows: [] },
};

export const ODOO_MESSAGES = {
  invalidApiKey: 'Invalid apikey',
  accessDenied: 'Access Denied',
  planRestricted:
    'The external API is not available on the Standard plan of Odoo Online. Upgrade to the Custom plan to use it.',
} as const;
