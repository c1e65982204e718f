/**
 * Fiix CMMS API (`https://{tenant}.macmms.com/api/`), HMAC-signed.
 *
 * Every call is `POST /api/?action={RequestClass}&service=cmms&accessKey=…&appKey=…&timestamp={ms}
 * &signatureVersion=1&signatureMethod=HmacSHA256`, `Content-Type: text/plain`, a JSON body such as
 * `{"_maCn":"FindRequest","className":"Asset","fields":"id","maxObjects":1}`, and an `Authorization` header
 * holding the lowercase hex HMAC-SHA256 of the request URL without its scheme (`host/api/?…`) keyed with
 * the secret key [V: Fiix's no-SDK guide and its public SDKs].
 *
 * Signals: errors come back as HTTP 200 with `error: {leg, code, message}` in the response object (the SDKs
 * treat any other HTTP status as unexpected) [K]. Throttling is code 1100 with a retry advisory [V SDK];
 * the authentication codes, their wording and the timestamp window are the simulator's own [U].
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { answerAfter, notFoundHtml, sendJson } from '../kit/http';
import {
  FIIX_APP_KEY,
  FIIX_CLASSES,
  FIIX_ERRORS,
  FIIX_SCENARIOS,
  FIIX_SECRET_KEY,
  FIIX_TIMESTAMP_WINDOW_MS,
} from './data';

export interface FiixSimulatorOptions {
  credentialSlowMs?: number;
  /** The server clock, for tests of the timestamp window. Default Date.now. */
  now?: () => number;
}

export interface FiixState {
  /** Signed requests received. */
  requests: number;
  /** Requests refused for their key, signature or timestamp. */
  rejected: number;
  reset(): void;
}

type ErrorSpec = { code: number; message: string };

export function createFiixApp(opts: FiixSimulatorOptions = {}): { app: express.Express; state: FiixState } {
  const slowMs = opts.credentialSlowMs ?? 20_000;
  const now = opts.now ?? Date.now;
  const state: FiixState = {
    requests: 0,
    rejected: 0,
    reset() {
      this.requests = 0;
      this.rejected = 0;
    },
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.post('/api/', express.text({ type: () => true, limit: '256kb' }), (req: Request, res: Response) => {
    state.requests++;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(typeof req.body === 'string' ? req.body : '') as Record<string, unknown>;
    } catch {
      return fail(res, 'Response', 'SERVER_REQUEST_UNPACK', FIIX_ERRORS.badRequest);
    }
    const requestClass = String(body['_maCn'] ?? '');
    const responseClass = requestClass.replace(/Request$/, 'Response');
    const q = req.query as Record<string, string | undefined>;
    const reject = (spec: ErrorSpec) => {
      state.rejected++;
      fail(res, responseClass, 'SERVER_REQUEST_RECEIVE', spec);
    };
    if (q['service'] !== 'cmms' || q['signatureMethod'] !== 'HmacSHA256' || q['signatureVersion'] !== '1') {
      return reject(FIIX_ERRORS.badRequest);
    }
    if (q['appKey'] !== FIIX_APP_KEY) return reject(FIIX_ERRORS.badAppKey);
    const scenario = q['accessKey'] === undefined ? undefined : FIIX_SCENARIOS[q['accessKey']];
    if (scenario === undefined || scenario.kind === 'revoked') return reject(FIIX_ERRORS.badAccessKey);
    const expected = createHmac('sha256', FIIX_SECRET_KEY)
      .update(`${req.get('host') ?? ''}${req.originalUrl}`)
      .digest('hex');
    const given = Buffer.from(req.get('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
      return reject(FIIX_ERRORS.badSignature);
    const serverNow = now() + (scenario.kind === 'clock_skew' ? scenario.offsetMs : 0);
    const ts = Number(q['timestamp']);
    if (!Number.isFinite(ts) || Math.abs(serverNow - ts) > FIIX_TIMESTAMP_WINDOW_MS)
      return reject(FIIX_ERRORS.timestamp);
    if (scenario.kind !== 'ok') return reject(FIIX_ERRORS.badAccessKey);
    if (scenario.throttled === true) {
      return fail(res, responseClass, 'SERVER_REQUEST_RECEIVE', FIIX_ERRORS.throttled, {
        P_CLIENT_AUTO_RETRY_WAIT_ADVISORY_MS: 4000,
      });
    }

    answerAfter(res, scenario.slow === true ? slowMs : 0, () => {
      if (requestClass === 'RpcRequest' && body['name'] === 'Ping')
        return sendJson(res, 200, { _maCn: 'RpcResponse' });
      if (requestClass !== 'FindRequest')
        return fail(res, responseClass, 'SERVER_REQUEST_PROCESS', FIIX_ERRORS.badRequest);
      const className = String(body['className'] ?? '');
      const rows = FIIX_CLASSES[className];
      if (rows === undefined) {
        return fail(res, responseClass, 'SERVER_REQUEST_PROCESS', {
          code: 4004,
          message: `Unknown class ${className}.`,
        });
      }
      if (scenario.deniedClasses?.includes(className)) {
        return fail(res, responseClass, 'SERVER_REQUEST_PROCESS', {
          code: FIIX_ERRORS.denied.code,
          message: FIIX_ERRORS.denied.message.replace('{0}', className),
        });
      }
      const max = typeof body['maxObjects'] === 'number' ? body['maxObjects'] : rows.length;
      sendJson(res, 200, { _maCn: 'FindResponse', objects: rows.slice(0, max), totalObjects: rows.length });
    });
  });

  app.use((_req, res) => notFoundHtml(res));
  return { app, state };
}

function fail(
  res: Response,
  responseClass: string,
  leg: string,
  spec: ErrorSpec,
  object?: Record<string, unknown>,
) {
  sendJson(res, 200, {
    _maCn: responseClass,
    error: { leg, code: spec.code, message: spec.message, ...(object ? { object } : {}) },
  });
}
