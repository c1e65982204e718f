import type {
  AttemptEvent,
  AttemptState,
  CatalogResponse,
  HandoffView,
  ProbeResult,
  SessionInfo,
  SystemDetail,
} from '@flange/protocol';
import { CATALOGS } from '@flange/protocol/i18n/catalogs';
import { catalog, maximo, probeMatch, session } from './fixtures';

export interface StandInOptions {
  session?: SessionInfo | { status: number; code: string };
  systems?: Record<string, SystemDetail>;
  /** Each attempt plays the next outcome. */
  attempts?: AttemptEvent[][];
  probe?: (url: string) => ProbeResult;
  /** GET /v1/connect/attempts/:id answers, for reload tests. */
  attemptStates?: Record<string, AttemptState>;
  catalog?: CatalogResponse;
  /** The session's hand-offs as GET /v1/connect/handoffs lists them; tests move them along. */
  handoffs?: { list: HandoffView[] };
  /** What GET /v1/connect/locales/:locale answers, per locale; the real catalogs by default. */
  locales?: Record<string, unknown>;
}

export const HANDOFF_LINK = `https://flange.test/connect#flh_${'s'.repeat(43)}`;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
  /** Aborted requests are the ones react-query cancels when StrictMode unsubscribes and resubscribes. */
  signal: AbortSignal | null;
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function problem(status: number, code: string): Response {
  return json(
    status,
    { type: 'about:blank', title: code, status, detail: code, code, request_id: 'req_1' },
    'application/problem+json',
  );
}

/**
 * A stand-in for the Flange HTTP API at the fetch boundary, speaking the protocol schemas: the real
 * API client, flow store and UI run against it, and every request is recorded.
 */
export function createStandInApi(opts: StandInOptions = {}) {
  const requests: RecordedRequest[] = [];
  let attempts = 0;
  const systems = opts.systems ?? { ibm_maximo: maximo };
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    requests.push({
      method,
      path: url.pathname + url.search,
      headers: new Headers(init.headers),
      body,
      signal: init.signal ?? null,
    });
    const path = url.pathname;
    if (path === '/v1/connect/session') {
      const s = opts.session ?? session;
      return 'code' in s ? problem(s.status, s.code) : json(200, s);
    }
    if (path === '/v1/connect/catalog') return json(200, opts.catalog ?? catalog);
    const loc = /^\/v1\/connect\/locales\/([^/]+)$/.exec(path);
    if (loc && method === 'GET') {
      const locales: Record<string, unknown> = opts.locales ?? CATALOGS;
      const served = locales[loc[1]!];
      return served === undefined ? problem(404, 'NOT_FOUND') : json(200, served);
    }
    const sys = /^\/v1\/connect\/systems\/([^/]+)$/.exec(path);
    if (sys) {
      const d = systems[decodeURIComponent(sys[1]!)];
      return d ? json(200, d) : problem(404, 'NOT_FOUND');
    }
    if (path === '/v1/connect/probe' && method === 'POST') {
      const { url: target } = body as { url: string };
      return json(200, (opts.probe ?? probeMatch)(target));
    }
    if (path === '/v1/connect/attempts' && method === 'POST') {
      attempts += 1;
      return json(201, {
        attempt_id: `att_${attempts}`,
        events_url: `/v1/connect/attempts/att_${attempts}/events`,
      });
    }
    const st = /^\/v1\/connect\/attempts\/([^/]+)$/.exec(path);
    if (st && method === 'GET') {
      const state = opts.attemptStates?.[st[1]!];
      return state ? json(200, state) : problem(404, 'NOT_FOUND');
    }
    const ev = /^\/v1\/connect\/attempts\/att_(\d+)\/events$/.exec(path);
    if (ev) {
      const events = opts.attempts?.[Number(ev[1]) - 1] ?? [];
      const text = events.map((e, i) => `id: ${i + 1}\ndata: ${JSON.stringify(e)}\n\n`).join('');
      return new Response(text, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }
    if (path === '/v1/connect/handoffs' && opts.handoffs) {
      const h = opts.handoffs;
      if (method === 'GET') return json(200, { data: h.list });
      const created: HandoffView = {
        id: `ho_${h.list.length + 1}`,
        status: 'pending',
        created_at: '2029-12-31T23:00:00.000Z',
        expires_at: '2030-01-01T00:00:00.000Z',
        opened_at: null,
        attempt: null,
      };
      h.list = [created, ...h.list];
      return json(201, { id: created.id, url: HANDOFF_LINK, expires_at: created.expires_at });
    }
    if (path === '/v1/connect/system-requests' && method === 'POST')
      return new Response(null, { status: 201 });
    return problem(404, 'NOT_FOUND');
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}
