import { ODOO_MODELS, ODOO_USERS } from './data';
import type { OdooUser } from './data';

/** A model-level failure, named by its Odoo exception class. */
export class OdooFault extends Error {
  constructor(
    readonly exception: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

function userRow(u: OdooUser): Record<string, unknown> {
  return {
    id: u.uid,
    login: u.login,
    name: u.name,
    display_name: u.name,
    company_id: u.company,
    share: false,
  };
}

function matchesDomain(row: Record<string, unknown>, domain: unknown): boolean {
  if (!Array.isArray(domain)) return true;
  return domain.every((leaf) => {
    if (!Array.isArray(leaf) || leaf.length !== 3) return true;
    const [field, op, value] = leaf as [string, string, unknown];
    if (op === '=') return row[field] === value;
    if (op === 'in' && Array.isArray(value)) return value.includes(row[field]);
    return true;
  });
}

function pick(row: Record<string, unknown>, fields: unknown): Record<string, unknown> {
  if (!Array.isArray(fields) || fields.length === 0) return row;
  return Object.fromEntries(['id', ...fields.map(String)].filter((f) => f in row).map((f) => [f, row[f]]));
}

/**
 * Run one ORM call as `user`: the few methods a validation uses (`search_read`, `read`, `search_count`,
 * `res.users.context_get`). Named arguments, as JSON-2 passes them and `execute_kw` kwargs carry them.
 */
export function executeModel(
  user: OdooUser,
  model: string,
  method: string,
  kw: Record<string, unknown>,
): unknown {
  const m = ODOO_MODELS[model];
  if (m === undefined)
    throw new OdooFault('werkzeug.exceptions.NotFound', `the model "${model}" does not exist`, 404);
  if (user.deniedModels?.includes(model)) {
    throw new OdooFault('odoo.exceptions.AccessError', accessErrorText(model), 403);
  }
  const rows = model === 'res.users' ? ODOO_USERS.map(userRow) : m.rows;
  switch (method) {
    case 'context_get':
      if (model !== 'res.users') break;
      return { lang: 'en_US', tz: 'Europe/Brussels', uid: user.uid };
    case 'search_read': {
      const limit = typeof kw['limit'] === 'number' ? kw['limit'] : rows.length;
      return rows
        .filter((r) => matchesDomain(r, kw['domain']))
        .slice(0, limit)
        .map((r) => pick(r, kw['fields']));
    }
    case 'search_count':
      return rows.filter((r) => matchesDomain(r, kw['domain'])).length;
    case 'read': {
      const ids = Array.isArray(kw['ids']) ? kw['ids'] : [];
      return rows.filter((r) => ids.includes(r['id'])).map((r) => pick(r, kw['fields']));
    }
    default:
      break;
  }
  throw new OdooFault(
    'werkzeug.exceptions.NotFound',
    `The method '${method}' does not exist on the model '${model}'`,
    404,
  );
}

function accessErrorText(model: string): string {
  return (
    `You are not allowed to access '${ODOO_MODELS[model]?.description ?? model}' (${model}) records.\n\n` +
    'This operation is allowed for the following groups:\n\t- Administration/Settings\n\n' +
    'Contact your administrator to request access if necessary.'
  );
}
