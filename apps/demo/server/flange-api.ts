import {
  ConnectionView,
  CreateSessionResponse,
  ExchangeResponse,
  Problem,
  type CreateSessionBody,
} from '@flange/protocol';
import type * as z from 'zod';
import { DemoError } from './problem';

/**
 * What the demo backend needs from Flange. The routes depend on this port only, so the HTTP client below
 * can be swapped for the `@flange/node` SDK without touching them.
 */
export interface FlangeApi {
  createConnectSession(body: CreateSessionBody): Promise<CreateSessionResponse>;
  exchangePublicToken(publicToken: string): Promise<ExchangeResponse>;
  /** Read the connection's status with its own connection token (`GET /v1/connection`). */
  getConnection(accessToken: string): Promise<ConnectionView>;
}

export interface FlangeHttpOptions {
  /** Flange API origin, e.g. http://localhost:4000. */
  baseUrl: string;
  /** Resolved on every call, so a key written by the Flange server after the demo started is picked up. */
  secretKey: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A minimal typed client over Flange's HTTP API for the three calls the demo makes. */
export function createFlangeHttpClient(opts: FlangeHttpOptions): FlangeApi {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    bearer: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new DemoError('FLANGE_UNREACHABLE', `Flange did not answer at ${base}.`, { cause });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const problem = Problem.safeParse(json);
      if (problem.success) {
        throw new DemoError('FLANGE_ERROR', `Flange refused ${method} ${path}: ${problem.data.detail}`, {
          flangeCode: problem.data.code,
          ...(problem.data.display_message === undefined
            ? {}
            : { displayMessage: problem.data.display_message }),
        });
      }
      throw new DemoError('FLANGE_ERROR', `Flange answered ${method} ${path} with HTTP ${res.status}.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new DemoError('FLANGE_ERROR', `Flange answered ${method} ${path} with an unexpected body.`);
    }
    return parsed.data;
  }

  return {
    async createConnectSession(body) {
      return call('POST', '/v1/connect/sessions', await opts.secretKey(), CreateSessionResponse, body);
    },
    async exchangePublicToken(publicToken) {
      return call('POST', '/v1/connect/exchange', await opts.secretKey(), ExchangeResponse, {
        public_token: publicToken,
      });
    },
    async getConnection(accessToken) {
      return call('GET', '/v1/connection', accessToken, ConnectionView);
    },
  };
}
