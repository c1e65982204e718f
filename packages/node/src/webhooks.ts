import { WebhookEvent } from '@flange/protocol';
import { Webhook, WebhookVerificationError as LibraryError } from 'standardwebhooks';
import { WebhookVerificationError } from './errors';

/** Headers as Node (IncomingHttpHeaders), Express or fetch (Headers) give them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

function pick(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value = record[name] ?? Object.entries(record).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value.join(' ') : value;
}

/**
 * Verify a Flange webhook (Standard Webhooks: signature over the raw body, timestamp within 5 minutes) and
 * parse it. Pass the body exactly as received, before any JSON parsing. With several secrets (while you
 * roll one), any of them may match. Throws WebhookVerificationError; dedupe on the returned `id`.
 */
export function verifyWebhook(
  rawBody: string | Buffer | Uint8Array,
  headers: WebhookHeaders,
  secret: string | readonly string[],
): WebhookEvent {
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0) throw new WebhookVerificationError('No webhook secret to verify with');
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  const signed = {
    'webhook-id': pick(headers, 'webhook-id') ?? '',
    'webhook-timestamp': pick(headers, 'webhook-timestamp') ?? '',
    'webhook-signature': pick(headers, 'webhook-signature') ?? '',
  };
  let payload: unknown;
  let lastError: unknown;
  for (const s of secrets) {
    try {
      payload = new Webhook(s).verify(body, signed);
      lastError = undefined;
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (lastError !== undefined) {
    const message = lastError instanceof LibraryError ? lastError.message : 'The webhook secret is not valid';
    throw new WebhookVerificationError(message);
  }
  const event = WebhookEvent.safeParse(payload);
  if (!event.success)
    throw new WebhookVerificationError('The webhook body is not a Flange event this SDK version knows');
  if (event.data.id !== signed['webhook-id'])
    throw new WebhookVerificationError('The webhook-id does not match the event');
  return event.data;
}
