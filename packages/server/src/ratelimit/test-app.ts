/** Test helpers for the rate-limit suites: a tiny Express app on port 0 and a RateLimit header parser. */
import type { Server } from 'node:http';
import express from 'express';
import { rateLimit } from './middleware';
import type { RateLimitPolicy, RateLimitStore } from './store';

export const CONN: RateLimitPolicy = { name: 'conn', limit: 5, windowSeconds: 60 };

/** A tiny app: the connection id comes from a test header, standing in for the token middleware. */
export async function startApp(store: RateLimitStore, policy: RateLimitPolicy = CONN) {
  const app = express();
  const limited: string[] = [];
  app.use((req, res, next) => {
    res.locals.requestId = `req_${Math.random().toString(36).slice(2)}`;
    res.setHeader('X-Request-Id', res.locals.requestId);
    next();
  });
  app.use(
    rateLimit({
      store,
      subject: (req) => {
        const conn = req.get('x-test-connection');
        return conn ? { policy, key: conn } : null;
      },
      onLimited: (p) => limited.push(p.name),
    }),
  );
  app.get('/v1/connection', (_req, res) => {
    res.json({ ok: true });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    limited,
    get: (conn: string | null, headers: Record<string, string> = {}) =>
      fetch(`${base}/v1/connection`, {
        headers: { ...(conn ? { 'x-test-connection': conn } : {}), ...headers },
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function parseState(header: string | null): { name: string; r: number; t: number } {
  const m = /^"(\w+)";r=(\d+);t=(\d+)$/.exec(header ?? '');
  if (!m) throw new Error(`not a RateLimit header: ${header}`);
  return { name: m[1]!, r: Number(m[2]), t: Number(m[3]) };
}
