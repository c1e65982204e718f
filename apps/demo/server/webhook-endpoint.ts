import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FlangeError, type Flange } from '@flange/node';
import * as z from 'zod';
import type { EventFeed } from './event-feed';
import type { FlangeClient } from './flange-client';
import { fromFlangeError } from './problem';

const Saved = z.object({ endpoint_id: z.string(), url: z.string(), secret: z.string() });
type Saved = z.infer<typeof Saved>;

/**
 * The endpoint Flange delivers to, and its signing secret. Flange shows a secret only when it creates (or
 * rolls) one, so it is kept in `file` (mode 0600) to survive restarts; an endpoint for the same URL whose
 * secret is lost is replaced rather than trusted.
 */
export async function ensureWebhookEndpoint(
  flange: Flange,
  opts: { url: string; file?: string | undefined },
): Promise<{ endpointId: string; secret: string; created: boolean }> {
  const saved = opts.file === undefined ? undefined : await load(opts.file);
  if (saved !== undefined && saved.url === opts.url) {
    try {
      const endpoint = await flange.webhookEndpoints.get(saved.endpoint_id);
      if (endpoint.url === opts.url) {
        // Flange disables an endpoint that answered 410; this receiver is back, so it turns it on again.
        if (endpoint.status !== 'enabled') await flange.webhookEndpoints.enable(endpoint.id);
        return { endpointId: endpoint.id, secret: saved.secret, created: false };
      }
    } catch (err) {
      if (!(err instanceof FlangeError && err.code === 'NOT_FOUND')) throw err;
    }
  }
  for await (const endpoint of flange.webhookEndpoints.listAll()) {
    if (endpoint.url === opts.url) await flange.webhookEndpoints.delete(endpoint.id);
  }
  const created = await flange.webhookEndpoints.create({
    url: opts.url,
    events: ['*'],
    description: 'Acme Reliability demo: the Events panel',
  });
  if (opts.file !== undefined) {
    await save(opts.file, { endpoint_id: created.id, url: opts.url, secret: created.secret });
  }
  return { endpointId: created.id, secret: created.secret, created: true };
}

export interface WebhookRegistration {
  /** The signing secret, once registered; until then deliveries are answered 503 (Flange retries). */
  secret(): string | null;
  /** One registration attempt; the feed's receiver status says how it went. */
  registerOnce(): Promise<void>;
  /** Register, retrying every `retryMs` until it works or stop() is called. */
  start(): Promise<void>;
  stop(): void;
}

/** Registers the demo's receiver with Flange and keeps the feed's receiver status up to date. */
export function createWebhookRegistration(deps: {
  flange: FlangeClient;
  url: string;
  feed: EventFeed;
  file?: string | undefined;
  retryMs?: number;
  log?: (line: string) => void;
}): WebhookRegistration {
  let secret: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const registerOnce = async () => {
    try {
      const found = await ensureWebhookEndpoint(await deps.flange(), { url: deps.url, file: deps.file });
      secret = found.secret;
      deps.feed.setReceiver({ state: 'listening', url: deps.url, detail: null });
      deps.log?.(`demo: ${found.created ? 'registered' : 'found'} webhook endpoint ${found.endpointId}`);
    } catch (err) {
      const known = fromFlangeError(err) ?? (err instanceof Error ? err : undefined);
      const detail = known?.message ?? 'The webhook endpoint could not be registered.';
      deps.feed.setReceiver({ state: 'failed', url: deps.url, detail });
      throw err;
    }
  };

  return {
    secret: () => secret,
    registerOnce,
    start() {
      return new Promise<void>((resolve) => {
        const attempt = () => {
          if (stopped) return;
          registerOnce().then(resolve, () => {
            if (stopped) return;
            deps.log?.(`demo: webhook endpoint not registered yet: ${deps.feed.receiver().detail ?? ''}`);
            timer = setTimeout(attempt, deps.retryMs ?? 5000);
          });
        };
        attempt();
      });
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

async function load(file: string): Promise<Saved | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const parsed = Saved.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // A damaged file: register afresh.
  }
}

async function save(file: string, value: Saved): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2), { mode: 0o600 });
  await rename(tmp, file);
}
