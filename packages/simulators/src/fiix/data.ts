/**
 * Seeded API application and access keys of the Fiix simulator. Keys carry Fiix's prefixes: application
 * keys `macmmsackp…`, access keys `macmmsaakp…`, secret keys `macmmsaskp…` [V prefixes; the hex bodies
 * here are invented]. Scenarios are chosen by the access key.
 */

export const FIIX_APP_KEY = 'macmmsackp3840a0d1e5b2f7c9a4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2';
export const FIIX_SECRET_KEY = 'macmmsaskp384f1b2808e6d8d94b23017e5e55d0753bb9c24e83b42cbe0f0c21468aa60f8fb0';

export type FiixScenario =
  | { kind: 'ok'; deniedClasses?: string[]; slow?: boolean; throttled?: boolean }
  /** The simulator's clock runs `offsetMs` ahead for this key, so a correct client looks skewed. */
  | { kind: 'clock_skew'; offsetMs: number }
  | { kind: 'revoked' };

const key = (suffix: string) => `macmmsaakp384${suffix.padEnd(47, '0')}`;

export const FIIX_ACCESS_KEYS = {
  good: key('900d'),
  noPermission: key('a11c'),
  clockSkew: key('c10c'),
  revoked: key('dead'),
  throttled: key('7107'),
  slow: key('5104'),
} as const;

export const FIIX_SCENARIOS: Record<string, FiixScenario> = {
  [FIIX_ACCESS_KEYS.good]: { kind: 'ok' },
  [FIIX_ACCESS_KEYS.noPermission]: { kind: 'ok', deniedClasses: ['PurchaseOrder'] },
  [FIIX_ACCESS_KEYS.clockSkew]: { kind: 'clock_skew', offsetMs: 20 * 60_000 },
  [FIIX_ACCESS_KEYS.revoked]: { kind: 'revoked' },
  [FIIX_ACCESS_KEYS.throttled]: { kind: 'ok', throttled: true },
  [FIIX_ACCESS_KEYS.slow]: { kind: 'ok', slow: true },
};

/** How far a request timestamp may be from the server's clock [U: Fiix does not publish the window]. */
export const FIIX_TIMESTAMP_WINDOW_MS = 10 * 60_000;

/**
 * Error codes and texts. Only 1100 (THROTTLED_CLIENT_SHOULD_AUTO_RETRY) comes from Fiix's public SDK; the
 * authentication codes and wording are the simulator's own [U].
 */
export const FIIX_ERRORS = {
  badAppKey: { code: 4010, message: 'The application key is not valid or the API application is disabled.' },
  badAccessKey: { code: 4011, message: 'The access key is not valid or has been revoked.' },
  badSignature: { code: 4012, message: 'The request signature does not match.' },
  timestamp: { code: 4013, message: 'The request timestamp is outside the allowed window.' },
  denied: { code: 4030, message: 'The user of this access key is not permitted to read {0}.' },
  throttled: { code: 1100, message: 'Too many requests; retry later.' },
  badRequest: { code: 4000, message: 'The request could not be parsed.' },
} as const;

/** Classes the simulator serves (FindRequest `className`) with a record each. */
export const FIIX_CLASSES: Record<string, Record<string, unknown>[]> = {
  WorkOrder: [
    { id: 1001, strCode: 'WO-1001', strDescription: 'Replace gearbox oil', intWorkOrderStatusID: 1 },
  ],
  Asset: [{ id: 2001, strCode: 'PMP-101', strName: 'Feed pump 101', bolIsSite: 0 }],
  PurchaseOrder: [{ id: 3001, strCode: 'PO-3001', intPurchaseOrderStatusID: 2 }],
  Stock: [{ id: 4001, intPartID: 5001, qtyOnHand: 12 }],
};
