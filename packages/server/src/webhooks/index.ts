import type { Db } from '../db/types';
import { createDeliveryLog } from './deliveries';
import type { Clock, Logger } from './deps';
import { createDispatcher, type AttemptRecord, type DispatcherOptions } from './dispatcher';
import { createEndpointStore } from './endpoints';
import { createOutbox } from './outbox';
import type { SecretBox, UrlGuard, WebhookSend } from './ports';

export type { Clock, Logger } from './deps';
export type { EnvScope, SecretBox, UrlGuard, WebhookSend, SendInit, SendResponse } from './ports';
export type { AttemptRecord, Dispatcher, DispatcherOptions } from './dispatcher';
export type { Outbox, EnqueuedEvent } from './outbox';
export type { EndpointStore } from './endpoints';
export type { DeliveryLog } from './deliveries';
export { signWebhook, generateWebhookSecret } from './signature';
export { RETRY_SCHEDULE_MS } from './schedule';
export { fetchSend } from './send';
export { classifySendError } from './classify';

export interface WebhooksDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  send: WebhookSend;
  secrets: SecretBox;
  checkUrl: UrlGuard;
  dispatcher?: DispatcherOptions;
  onAttempt?: (attempt: AttemptRecord) => void;
}

export type Webhooks = ReturnType<typeof createWebhooks>;

/** The webhook service: endpoints, the outbox producers write to, the dispatcher, and the delivery log. */
export function createWebhooks(deps: WebhooksDeps) {
  const { db, clock, logger, send, secrets, checkUrl } = deps;
  return {
    endpoints: createEndpointStore({ db, clock, secrets, checkUrl }),
    outbox: createOutbox({ clock }),
    deliveries: createDeliveryLog({ db, clock }),
    dispatcher: createDispatcher({
      db,
      clock,
      logger,
      send,
      secrets,
      ...deps.dispatcher,
      ...(deps.onAttempt ? { onAttempt: deps.onAttempt } : {}),
    }),
  };
}
