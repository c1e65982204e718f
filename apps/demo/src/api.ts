import { ConnectionView } from '@flange/protocol';
import * as z from 'zod/mini';

/** A failed call to the demo's own backend, with the message it is safe to show. */
export class DemoApiError extends Error {
  override readonly name = 'DemoApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

const ProblemBody = z.object({
  detail: z.optional(z.string()),
  display_message: z.optional(z.string()),
  code: z.optional(z.string()),
});

async function request<T>(
  schema: z.ZodMiniType<T>,
  path: string,
  init?: { method: 'POST' | 'DELETE'; body?: unknown },
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...(init === undefined
        ? {}
        : {
            method: init.method,
            ...(init.body === undefined
              ? {}
              : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
          }),
      credentials: 'same-origin',
    });
  } catch {
    throw new DemoApiError(
      0,
      'Acme Reliability could not reach its server. Check your network and retry.',
      undefined,
    );
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const p = ProblemBody.safeParse(json);
    const message = p.success ? (p.data.display_message ?? p.data.detail) : undefined;
    throw new DemoApiError(
      res.status,
      message ?? `Request failed (${res.status}).`,
      p.success ? p.data.code : undefined,
    );
  }
  return schema.parse(json);
}

export const Me = z.object({
  user: z.object({ name: z.string(), email: z.string(), role: z.string() }),
  organization: z.string(),
  site: z.string(),
});
export type Me = z.infer<typeof Me>;

export const ConnectSession = z.object({
  session_token: z.string(),
  connect_url: z.string(),
  expires_at: z.string(),
});
export type ConnectSession = z.infer<typeof ConnectSession>;

export const ConnectionState = z.object({
  connection: z.nullable(ConnectionView),
  other_connections: z.number(),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

const Exchanged = z.object({ connection: ConnectionView });
const Rotated = z.object({ connection: ConnectionView, previous_token_expires_at: z.string() });

/** The demo backend's API, as the page uses it. Flange's secret key and connection token stay behind it. */
export const demoApi = {
  me: () => request(Me, '/api/me'),
  connection: () => request(ConnectionState, '/api/connection'),
  createConnectSession: (mode: 'inline' | 'modal') =>
    request(ConnectSession, '/api/flange/connect-session', { method: 'POST', body: { mode } }),
  exchange: (publicToken: string) =>
    request(Exchanged, '/api/flange/exchange', { method: 'POST', body: { public_token: publicToken } }),
  /** Flange re-verifies the credentials now ("Check now"). */
  verify: () => request(Exchanged, '/api/connection/verify', { method: 'POST' }),
  /** A new connection token, kept by the backend; the answer says when the old one stops. */
  rotateToken: () => request(Rotated, '/api/connection/rotate-token', { method: 'POST' }),
  /** Revoke the connection at Flange ("Disconnect"). */
  disconnect: () => request(Exchanged, '/api/connection', { method: 'DELETE' }),
};

/** The stream of verified webhooks for this workspace (server-sent events, same origin). */
export const EVENTS_URL = '/api/events';
