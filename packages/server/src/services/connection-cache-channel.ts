import { Client } from 'pg';
import type { Logger } from '../logger';
import type { ConnectionCache } from './connection-cache';

/** The PostgreSQL channel every instance listens on; the payload is a connection id. */
export const CONNECTION_CHANGED_CHANNEL = 'flange_connection_changed';

export interface ConnectionChannelOptions {
  connectionString: string;
  cache: ConnectionCache;
  logger: Logger;
  /** Wait before reconnecting a lost listener (doubles up to 30 s). Default 500 ms. */
  retryMs?: number;
}

/**
 * Scale-out mode: invalidate `cache` on every instance through PostgreSQL LISTEN/NOTIFY. `changed` sends
 * `pg_notify` inside the change's transaction (delivered at commit, to this instance too); this listener
 * drops the connection on arrival. The cache stays off until LISTEN is in place and goes off (emptied)
 * whenever the listening connection is lost, so a missed notification can never leave a stale entry.
 */
export async function listenForConnectionChanges(
  opts: ConnectionChannelOptions,
): Promise<{ close(): Promise<void> }> {
  const { cache, logger } = opts;
  const baseRetry = opts.retryMs ?? 500;
  cache.setEnabled(false);
  cache.useChannel(async (db, connectionId) => {
    await db.query('SELECT pg_notify($1, $2)', [CONNECTION_CHANGED_CHANNEL, connectionId]);
  });

  let client: Client | null = null;
  let closed = false;
  let retry = baseRetry;
  let timer: NodeJS.Timeout | undefined;

  const down = (c: Client, err?: unknown) => {
    if (client !== c) return;
    client = null;
    cache.setEnabled(false);
    c.end().catch(() => {});
    if (closed) return;
    logger.warn({ err, retry_ms: retry }, 'connection cache channel lost; cache off until it is back');
    timer = setTimeout(() => void connect(), retry);
    retry = Math.min(retry * 2, 30_000);
  };

  async function connect(): Promise<void> {
    const c = new Client({ connectionString: opts.connectionString });
    client = c;
    c.on('notification', (m) => {
      if (m.channel === CONNECTION_CHANGED_CHANNEL && m.payload) cache.notified(m.payload);
    });
    c.on('error', (err) => down(c, err));
    c.on('end', () => down(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${CONNECTION_CHANGED_CHANNEL}`);
    } catch (err) {
      down(c, err);
      return;
    }
    if (client !== c || closed) return;
    retry = baseRetry;
    cache.setEnabled(true);
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const c = client;
      client = null;
      cache.setEnabled(false);
      await c?.end().catch(() => {});
    },
  };
}
