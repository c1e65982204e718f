import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { ConnectionStore } from './connection-store';
import type { EventFeed } from './event-feed';
import type { FlangeClient } from './flange-client';
import { sameOriginOnly } from './guards';
import { apiNotFound, errorHandler } from './problem';
import {
  deleteConnection,
  postConnectionRotateToken,
  postConnectionVerify,
} from './routes/connection-actions';
import { getConnection } from './routes/get-connection';
import { getEvents } from './routes/get-events';
import { getMe } from './routes/get-me';
import { postConnectSession } from './routes/post-connect-session';
import { postExchange } from './routes/post-exchange';
import { postWebhook } from './routes/post-webhook';
import type { WebhookRegistration } from './webhook-endpoint';
import { workspaceSession } from './workspace';

/** Where Flange delivers webhooks on this app (outside /api: no cookie, no Origin check, raw body). */
export const WEBHOOK_PATH = '/webhooks/flange';

export interface DemoAppDeps {
  /** The `@flange/node` SDK client every call to Flange goes through. */
  flange: FlangeClient;
  store: ConnectionStore;
  /** Verified webhooks, fanned out to the browsers' Events panels. */
  feed: EventFeed;
  /** Holds the endpoint's signing secret once registered. */
  registration: Pick<WebhookRegistration, 'secret'>;
  /** This app's own origins (http://localhost:3000 and its 127.0.0.1 twin): Flange sessions allow only these. */
  origins: readonly string[];
  /** Flange's origins, which the page may frame and call (the inline widget talks to Flange directly). */
  flangeOrigins: readonly string[];
  /** The Vite build of the frontend; omitted in route tests. */
  staticDir?: string;
}

/** The Acme Reliability backend: its API under /api and the built single-page app everywhere else. */
export function createDemoApp(deps: DemoAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const secure = deps.origins[0]?.startsWith('https:') === true;
  const flangeSources = deps.flangeOrigins.join(' ');

  app.use((_req, res, next) => {
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Content-Security-Policy': [
        "default-src 'self'",
        `connect-src 'self' ${flangeSources}`,
        `frame-src ${flangeSources}`,
        `img-src 'self' data: ${flangeSources}`,
        // The widget sets inline styles for theming through CSS variables.
        "style-src 'self' 'unsafe-inline'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
      ].join('; '),
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });

  // Before the JSON parser and the workspace cookie: the signature covers the exact bytes received.
  app.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: '256kb' }), postWebhook(deps));

  const api = express.Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(sameOriginOnly(deps.origins));
  api.use(express.json({ limit: '16kb' }));
  api.get('/me', getMe());
  api.post('/flange/connect-session', postConnectSession(deps));
  api.post('/flange/exchange', postExchange(deps));
  api.get('/connection', getConnection(deps));
  api.post('/connection/verify', postConnectionVerify(deps));
  api.post('/connection/rotate-token', postConnectionRotateToken(deps));
  api.delete('/connection', deleteConnection(deps));
  api.get('/events', getEvents(deps));
  api.use(apiNotFound);

  app.use(workspaceSession({ secure }));
  app.use('/api', api);

  if (deps.staticDir !== undefined) {
    const dir = deps.staticDir;
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    app.get('/{*path}', (_req, res) => {
      const index = join(dir, 'index.html');
      if (!existsSync(index)) {
        res
          .status(503)
          .type('text/plain')
          .send('The Acme Reliability frontend is not built yet: run `pnpm --filter @flange/demo build`.');
        return;
      }
      res.set('Cache-Control', 'no-cache').sendFile(index);
    });
  }

  app.use(errorHandler);
  return app;
}
