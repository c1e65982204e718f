import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import type { AppDeps, FlangeApp } from './app';
import type { AppContext } from './context';

/** A listening server and how to stop it. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:53123 (no trailing slash). */
  url: string;
  port: number;
  app: FlangeApp;
  ctx: AppContext;
  server: Server;
  /** Stop accepting, abort running attempts, stop plugins, close every connection. Leaves `db` open. */
  close(): Promise<void>;
}

/**
 * createApp + listen on `port` (0: any free port) and start the plugins' background work. When the
 * config's publicUrl should follow the real port (tests), pass `publicUrlFromPort`.
 */
export async function startServer(
  deps: AppDeps & { port?: number; host?: string; publicUrlFromPort?: boolean },
): Promise<RunningServer> {
  const host = deps.host ?? deps.config.host;
  const port = deps.port ?? deps.config.port;
  let app: FlangeApp;
  let server: Server;
  if (deps.publicUrlFromPort === true) {
    // The public URL must name the port, which is only known once listening: listen first, then route.
    let handler: FlangeApp | null = null;
    const { createServer } = await import('node:http');
    server = createServer((req, res) => {
      if (handler) handler(req, res);
      else res.writeHead(503).end();
    });
    server.listen(port, host);
    await once(server, 'listening');
    const actual = (server.address() as AddressInfo).port;
    const hostForUrl = host.includes(':') ? `[${host}]` : host;
    app = createApp({
      ...deps,
      config: { ...deps.config, publicUrl: `http://${hostForUrl}:${actual}`, port: actual },
    });
    handler = app;
  } else {
    app = createApp(deps);
    server = app.listen(port, host);
    await once(server, 'listening');
  }
  const ctx = app.locals.flange;
  const actualPort = (server.address() as AddressInfo).port;
  for (const p of ctx.plugins) await p.start?.(ctx);
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl}:${actualPort}`,
    port: actualPort,
    app,
    ctx,
    server,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await ctx.runner.drain({ abort: true });
        for (const p of ctx.plugins) await p.stop?.();
        // Open SSE streams would keep close() waiting forever.
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
