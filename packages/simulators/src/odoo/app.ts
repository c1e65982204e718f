/**
 * Odoo external APIs: JSON-2 (v19+) and the legacy JSON-RPC endpoint.
 *
 * Calls we make: `POST /jsonrpc` `common.version` (no auth) → `server_version` (fingerprint) [K];
 * JSON-2 `POST /json/2/{model}/{method}` with `Authorization: bearer {key}` and `X-Odoo-Database` [V];
 * JSON-RPC `common.authenticate(db, login, password, {})` → uid or **false** (HTTP 200) [K], then
 * `object.execute_kw(db, uid, password, model, 'search_read', [], {limit: 1})`.
 *
 * Signals: JSON-2 answers real statuses with a JSON body `{name, message, arguments, context, debug}` [V]:
 * 401 "Invalid apikey" [K], 403 `odoo.exceptions.AccessError` [K class, U status], 404 unknown model [U].
 * JSON-RPC answers HTTP 200 with `error.data.name` (`odoo.exceptions.AccessDenied`, `AccessError`) [K].
 * Servers before 19.0 have no `/json/2` (404 page). The Standard-plan refusal's wording is a guess [U].
 */
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, bearerToken, notFoundHtml, sendJson } from '../kit/http';
import { ODOO_API_KEYS, ODOO_DATABASES, ODOO_MESSAGES, ODOO_STANDARD_PLAN_DB, ODOO_USERS } from './data';
import type { OdooUser } from './data';
import { executeModel, OdooFault } from './models';

export interface OdooSimulatorOptions {
  /** `server_version`; JSON-2 exists from 19.0. Default '19.0+e'. */
  version?: string;
  credentialSlowMs?: number;
}

export interface OdooState {
  /** Authentications tried (JSON-2 key checks and RPC authenticate/execute_kw). */
  authAttempts: number;
  failedAuths: number;
  reset(): void;
}

const userByUid = (uid: number) => ODOO_USERS.find((u) => u.uid === uid);

/** A user for a password or an API key given in place of the password (RPC accepts both [V]). */
function checkSecret(login: string, secret: string): OdooUser | undefined {
  const user = ODOO_USERS.find((u) => u.login === login);
  if (user === undefined) return undefined;
  if (secret === user.password) return user.totp === true ? undefined : user;
  const keyUid = ODOO_API_KEYS[secret];
  return keyUid === user.uid ? user : undefined;
}

export function createOdooApp(opts: OdooSimulatorOptions = {}): { app: express.Express; state: OdooState } {
  const version = opts.version ?? '19.0+e';
  const major = Number.parseInt(version, 10);
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const state: OdooState = {
    authAttempts: 0,
    failedAuths: 0,
    reset() {
      this.authAttempts = 0;
      this.failedAuths = 0;
    },
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.json({ limit: '256kb' }));

  // JSON-RPC (`/jsonrpc`), deprecated in 19.0 but still served.
  app.post('/jsonrpc', (req, res) => {
    const body = (req.body ?? {}) as {
      id?: unknown;
      params?: { service?: string; method?: string; args?: unknown[] };
    };
    const id = body.id ?? null;
    const result = (value: unknown) =>
      sendJson(res, 200, { jsonrpc: '2.0', id, result: value }, 'application/json');
    const fault = (name: string, message: string) =>
      sendJson(
        res,
        200,
        {
          jsonrpc: '2.0',
          id,
          error: {
            code: 200,
            message: 'Odoo Server Error',
            data: {
              name,
              debug: `Traceback (most recent call last):\n...\n${name}: ${message}\n`,
              message,
              arguments: [message],
              context: {},
            },
          },
        },
        'application/json',
      );
    const { service, method } = body.params ?? {};
    const args = Array.isArray(body.params?.args) ? body.params.args : [];
    if (service === 'common' && method === 'version') {
      return result({
        server_version: version,
        server_version_info: [major, 0, 0, 'final', 0, version.endsWith('+e') ? 'e' : ''],
        server_serie: `${major}.0`,
        protocol_version: 1,
      });
    }
    const db = String(args[0] ?? '');
    if (
      (service === 'common' && (method === 'authenticate' || method === 'login')) ||
      (service === 'object' && method === 'execute_kw')
    ) {
      state.authAttempts++;
      if (!(ODOO_DATABASES as readonly string[]).includes(db)) {
        return fault(
          'psycopg2.OperationalError',
          `connection to server failed: FATAL:  database "${db}" does not exist`,
        );
      }
      if (db === ODOO_STANDARD_PLAN_DB)
        return fault('odoo.exceptions.AccessDenied', ODOO_MESSAGES.planRestricted);
      if (service === 'common') {
        const user = checkSecret(String(args[1] ?? ''), String(args[2] ?? ''));
        if (user === undefined) state.failedAuths++;
        return answerAfter(res, user?.slow === true ? slowMs : 0, () => result(user?.uid ?? false));
      }
      const user = userByUid(Number(args[1]));
      if (user === undefined || checkSecret(user.login, String(args[2] ?? '')) === undefined) {
        state.failedAuths++;
        return fault('odoo.exceptions.AccessDenied', ODOO_MESSAGES.accessDenied);
      }
      const positional = Array.isArray(args[5]) ? args[5] : [];
      const kwargs = (args[6] ?? {}) as Record<string, unknown>;
      // Positional arguments as Odoo's methods take them: read(ids, …), search_read(domain, …).
      const first = String(args[4]) === 'read' ? 'ids' : 'domain';
      const kw = positional.length > 0 ? { ...kwargs, [first]: positional[0] } : kwargs;
      try {
        return result(executeModel(user, String(args[3]), String(args[4]), kw));
      } catch (e) {
        if (e instanceof OdooFault) return fault(e.exception, e.message);
        throw e;
      }
    }
    return fault('KeyError', `'${String(service)}.${String(method)}'`);
  });

  // JSON-2 (`/json/2/{model}/{method}`), Odoo 19 and later.
  if (major >= 19) {
    app.post('/json/2/:model/:method', (req: Request, res: Response) => {
      const error = (status: number, name: string, message: string) =>
        sendJson(res, status, { name, message, arguments: [message, status], context: {}, debug: '' });
      state.authAttempts++;
      const dbHeader = req.get('x-odoo-database');
      if (dbHeader !== undefined && !(ODOO_DATABASES as readonly string[]).includes(dbHeader)) {
        return error(404, 'werkzeug.exceptions.NotFound', 'Database not found.');
      }
      if (dbHeader === ODOO_STANDARD_PLAN_DB)
        return error(403, 'odoo.exceptions.AccessDenied', ODOO_MESSAGES.planRestricted);
      const key = bearerToken(req.get('authorization'));
      const uid = key === null ? undefined : ODOO_API_KEYS[key];
      const user = typeof uid === 'number' ? userByUid(uid) : undefined;
      if (user === undefined) {
        state.failedAuths++;
        return error(401, 'werkzeug.exceptions.Unauthorized', ODOO_MESSAGES.invalidApiKey);
      }
      answerAfter(res, user.slow === true ? slowMs : 0, () => {
        try {
          sendJson(
            res,
            200,
            executeModel(
              user,
              String(req.params['model']),
              String(req.params['method']),
              (req.body ?? {}) as Record<string, unknown>,
            ),
          );
        } catch (e) {
          if (e instanceof OdooFault) return error(e.httpStatus, e.exception, e.message);
          throw e;
        }
      });
    });
  }

  app.get('/web/login', (_req, res) => {
    res
      .type('text/html; charset=utf-8')
      .send(
        '<!DOCTYPE html><html><head><title>Odoo</title><meta name="generator" content="Odoo"/></head><body></body></html>',
      );
  });
  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}
