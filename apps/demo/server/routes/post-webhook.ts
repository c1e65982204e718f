import { WebhookVerificationError } from '@flange/node';
import type { RequestHandler } from 'express';
import type { EventFeed } from '../event-feed';
import type { FlangeClient } from '../flange-client';
import { DemoError, sendProblem } from '../problem';
import type { WebhookRegistration } from '../webhook-endpoint';

/**
 * POST /webhooks/flange: Flange's deliveries. The raw body and the Standard Webhooks headers are verified
 * with the SDK before anything is read from them; a bad signature or a stale timestamp is answered 400 and
 * dropped. A retry of a delivery already seen (same `webhook-id`) is acknowledged and not shown twice.
 */
export function postWebhook(deps: {
  flange: FlangeClient;
  registration: Pick<WebhookRegistration, 'secret'>;
  feed: EventFeed;
  now?: () => Date;
}): RequestHandler {
  return async (req, res) => {
    const secret = deps.registration.secret();
    if (secret === null) {
      // Not registered yet, so nothing can be verified: Flange retries later.
      res.set('Retry-After', '5');
      sendProblem(res, new DemoError('NOT_CONFIGURED', 'The webhook receiver is not registered yet.'));
      return;
    }
    const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const flange = await deps.flange();
    let event;
    try {
      event = flange.webhooks.verify(raw, req.headers, secret);
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
      sendProblem(res, new DemoError('INVALID_SIGNATURE', `Webhook refused: ${err.message}.`));
      return;
    }
    deps.feed.publish(event, deps.now?.() ?? new Date());
    res.status(204).end();
  };
}
