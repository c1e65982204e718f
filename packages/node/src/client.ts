import {
  ConnectionList,
  ConnectionView,
  CreateSessionResponse,
  ExchangeResponse,
  RotateTokenResponse,
  TOKEN_PATTERNS,
  WebhookDeliveryList,
  WebhookDeliveryView,
  WebhookEndpointList,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
  type CreateSessionBody,
  type CreateWebhookEndpointBody,
  type ListConnectionsQuery,
  type ListQuery,
  type ListWebhookDeliveriesQuery,
  type RollWebhookSecretBody,
  type RotateTokenBody,
  type UpdateWebhookEndpointBody,
  type WebhookEvent,
} from '@flange/protocol';
import { request, type RequestSpec, type TransportOptions } from './http';
import { paginate } from './pagination';
import { verifyWebhook, type WebhookHeaders } from './webhooks';

export interface FlangeOptions {
  /** `flk_test_…` or `flk_live_…`: server-side only, never in a browser. */
  secretKey: string;
  /** Where Flange answers, e.g. https://api.flange.dev or http://localhost:4000. */
  baseUrl: string;
  /** The endpoint signing secret(s) `webhooks.verify` uses when none is passed. */
  webhookSecret?: string | readonly string[];
  fetch?: typeof fetch;
  /** Per request; verification calls can take a while (default 30 s). */
  timeoutMs?: number;
  /** Retries of GETs on network errors and 5xx, and of any call on 429 (default 2). */
  maxRetries?: number;
}

const id = (value: string) => encodeURIComponent(value);

/**
 * The Flange API for a host's backend: connect sessions, the public-token exchange, connections, webhook
 * endpoints and deliveries, and webhook verification.
 */
export class Flange {
  readonly #transport: TransportOptions;
  readonly #secretKey: string;
  readonly #webhookSecret: string | readonly string[] | undefined;

  constructor(options: FlangeOptions) {
    if (!TOKEN_PATTERNS.secret_key.test(options.secretKey)) {
      // The value is never echoed: it may be some other secret pasted into the wrong place.
      throw new TypeError('secretKey must be a Flange secret key (flk_test_… or flk_live_…)');
    }
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new TypeError('baseUrl must be an absolute http(s) URL');
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:')
      throw new TypeError('baseUrl must be http(s)');
    this.#secretKey = options.secretKey;
    this.#webhookSecret = options.webhookSecret;
    this.#transport = {
      baseUrl: base.href.endsWith('/') ? base.href : `${base.href}/`,
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 2,
      userAgent: 'flange-node/0.1',
    };
  }

  #call<T>(spec: Omit<RequestSpec<T>, 'token'> & { token?: string }): Promise<T> {
    // Paths are relative so a baseUrl with a path prefix (a gateway) keeps it.
    return request(this.#transport, {
      ...spec,
      path: spec.path.replace(/^\//, ''),
      token: spec.token ?? this.#secretKey,
    });
  }

  readonly connectSessions = {
    /** Start a connect session for one end user; hand `session_token` to the widget. */
    create: (body: CreateSessionBody) =>
      this.#call({ method: 'POST', path: '/v1/connect/sessions', body, schema: CreateSessionResponse }),
  };

  /** Trade the widget's public token for the connection id and its token. Works once; store the token. */
  exchangePublicToken(publicToken: string): Promise<ExchangeResponse> {
    return this.#call({
      method: 'POST',
      path: '/v1/connect/exchange',
      body: { public_token: publicToken },
      schema: ExchangeResponse,
    });
  }

  #listConnections = (query: ListConnectionsQuery = {}): Promise<ConnectionList> =>
    this.#call({ method: 'GET', path: '/v1/connections', query, schema: ConnectionList });
  #listEndpoints = (query: ListQuery = {}): Promise<WebhookEndpointList> =>
    this.#call({ method: 'GET', path: '/v1/webhook-endpoints', query, schema: WebhookEndpointList });
  #listDeliveries = (query: ListWebhookDeliveriesQuery = {}): Promise<WebhookDeliveryList> =>
    this.#call({ method: 'GET', path: '/v1/webhook-deliveries', query, schema: WebhookDeliveryList });

  readonly connections = {
    /** One page: `{ data, next_cursor }`. */
    list: this.#listConnections,
    /** Every connection matching the filters, across pages. */
    listAll: (query: Omit<ListConnectionsQuery, 'cursor'> = {}) => paginate(this.#listConnections, query),
    get: (connectionId: string) =>
      this.#call({ method: 'GET', path: `/v1/connections/${id(connectionId)}`, schema: ConnectionView }),
    /** Re-check the credentials now; the answer is the connection after the check. */
    verify: (connectionId: string) =>
      this.#call({
        method: 'POST',
        path: `/v1/connections/${id(connectionId)}/verify`,
        body: {},
        schema: ConnectionView,
      }),
    /** A new token at once; the old one keeps working for `grace_period_seconds` (default 24 h). */
    rotateToken: (connectionId: string, body: RotateTokenBody = {}) =>
      this.#call({
        method: 'POST',
        path: `/v1/connections/${id(connectionId)}/token/rotate`,
        body,
        schema: RotateTokenResponse,
      }),
    /** Wipe the credentials and kill every token of the connection. */
    revoke: (connectionId: string) =>
      this.#call({ method: 'DELETE', path: `/v1/connections/${id(connectionId)}`, schema: ConnectionView }),
  };

  /** Calls made with one connection's token rather than the secret key. */
  connection(accessToken: string) {
    if (!TOKEN_PATTERNS.connection.test(accessToken)) {
      throw new TypeError('accessToken must be a Flange connection token (flc_test_… or flc_live_…)');
    }
    return {
      /** The connection's status, health and last verification. */
      get: () =>
        this.#call({ method: 'GET', path: '/v1/connection', token: accessToken, schema: ConnectionView }),
    };
  }

  readonly webhookEndpoints = {
    /** Register an endpoint. The answer's `secret` is shown this once: store it. */
    create: (body: CreateWebhookEndpointBody) =>
      this.#call({ method: 'POST', path: '/v1/webhook-endpoints', body, schema: WebhookEndpointWithSecret }),
    list: this.#listEndpoints,
    listAll: (query: Omit<ListQuery, 'cursor'> = {}) => paginate(this.#listEndpoints, query),
    get: (endpointId: string) =>
      this.#call({
        method: 'GET',
        path: `/v1/webhook-endpoints/${id(endpointId)}`,
        schema: WebhookEndpointView,
      }),
    /** Change the fields given: `url`, `events`, `description` (null clears it) or `status`. */
    update: (endpointId: string, body: UpdateWebhookEndpointBody) =>
      this.#call({
        method: 'PATCH',
        path: `/v1/webhook-endpoints/${id(endpointId)}`,
        body,
        schema: WebhookEndpointView,
      }),
    /** Deliver to it again, e.g. after it answered 410; events raised while it was off are not sent. */
    enable: (endpointId: string) => this.webhookEndpoints.update(endpointId, { status: 'enabled' }),
    /** Stop delivering to it; its pending deliveries are cancelled. */
    disable: (endpointId: string) => this.webhookEndpoints.update(endpointId, { status: 'disabled' }),
    delete: (endpointId: string) =>
      this.#call({ method: 'DELETE', path: `/v1/webhook-endpoints/${id(endpointId)}`, schema: null }),
    /** A new secret; the old one keeps signing beside it for `expires_in_seconds` (default 24 h). */
    rollSecret: (endpointId: string, body: RollWebhookSecretBody = {}) =>
      this.#call({
        method: 'POST',
        path: `/v1/webhook-endpoints/${id(endpointId)}/roll-secret`,
        body,
        schema: WebhookEndpointWithSecret,
      }),
  };

  readonly webhookDeliveries = {
    list: this.#listDeliveries,
    listAll: (query: Omit<ListWebhookDeliveriesQuery, 'cursor'> = {}) =>
      paginate(this.#listDeliveries, query),
    get: (deliveryId: string) =>
      this.#call({
        method: 'GET',
        path: `/v1/webhook-deliveries/${id(deliveryId)}`,
        schema: WebhookDeliveryView,
      }),
    /** Send a delivery again now, under the same webhook-id. */
    retry: (deliveryId: string) =>
      this.#call({
        method: 'POST',
        path: `/v1/webhook-deliveries/${id(deliveryId)}/retry`,
        schema: WebhookDeliveryView,
      }),
  };

  readonly webhooks = {
    /**
     * Verify and parse a webhook from its raw body and headers. Uses `secret`, or the `webhookSecret` given
     * to the constructor. Throws WebhookVerificationError.
     */
    verify: (
      rawBody: string | Buffer | Uint8Array,
      headers: WebhookHeaders,
      secret?: string | readonly string[],
    ): WebhookEvent => {
      const secrets = secret ?? this.#webhookSecret;
      if (secrets === undefined)
        throw new TypeError('Pass the endpoint secret, or set webhookSecret on the client');
      return verifyWebhook(rawBody, headers, secrets);
    },
  };
}
