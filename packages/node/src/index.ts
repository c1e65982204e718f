export { Flange } from './client';
export type { FlangeOptions } from './client';
export { FlangeError, FlangeConnectionError, FlangeProtocolError, WebhookVerificationError } from './errors';
export { paginate } from './pagination';
export type { Page } from './pagination';
export { verifyWebhook } from './webhooks';
export type { WebhookHeaders } from './webhooks';
export type {
  ConnectionView,
  ConnectionStatus,
  WebhookEvent,
  WebhookEventType,
  WebhookEndpointView,
  WebhookDeliveryView,
  ErrorCode,
} from '@flange/protocol';
