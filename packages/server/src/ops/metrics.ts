import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/types';
import type { CheckReport } from '../health/monitor';
import type { Logger } from '../logger';
import type { RateLimitPolicy } from '../ratelimit/store';
import type { AttemptObserver } from '../services/attempt-runner';
import type { AttemptRecord } from '../webhooks/dispatcher';

/** Seconds: validation steps range from a DNS answer to a slow ERP sign-in. */
const STEP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];
/** Seconds: API answers are fast; SSE streams and on-demand verifications are the long tail. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const WEBHOOK_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];

export interface MetricsOptions {
  /** Default process metrics (CPU, memory, event loop lag, GC, handles). Default true. */
  processMetrics?: boolean;
}

/**
 * The server's Prometheus metrics in a registry of its own (one per app, so tests and embedders never share
 * counters), fed by the attempt runner, the lifecycle plugin's callbacks and the HTTP middleware.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #db: { current: Db | null; logger: Logger | null } = { current: null, logger: null };
  /** Bounded: methods, route patterns and status codes are all closed sets. */
  readonly #httpSeries = new Map<string, { observe(value: number): void }>();

  readonly attempts = new Counter({
    name: 'flange_attempts_total',
    help: 'Finished connect attempts by outcome and error code ("none" when it succeeded).',
    labelNames: ['outcome', 'code', 'system_id'] as const,
    registers: [this.registry],
  });

  readonly stepDuration = new Histogram({
    name: 'flange_attempt_step_duration_seconds',
    help: 'Duration of each validation step of connect attempts, by step and result.',
    labelNames: ['step', 'status'] as const,
    buckets: STEP_BUCKETS,
    registers: [this.registry],
  });

  readonly webhookAttempts = new Counter({
    name: 'flange_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome and failure class ("none" when it succeeded).',
    labelNames: ['outcome', 'error_class', 'event_type'] as const,
    registers: [this.registry],
  });

  readonly webhookDuration = new Histogram({
    name: 'flange_webhook_attempt_duration_seconds',
    help: 'Time from sending a webhook to its answer (or failure).',
    labelNames: ['outcome'] as const,
    buckets: WEBHOOK_BUCKETS,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'flange_rate_limited_requests_total',
    help: 'Requests refused with 429 RATE_LIMIT_EXCEEDED, by policy (conn: connection token, key: secret key).',
    labelNames: ['policy'] as const,
    registers: [this.registry],
  });

  readonly healthChecks = new Counter({
    name: 'flange_health_checks_total',
    help: 'Health checks of connections by source (schedule, on_demand) and outcome.',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly transitions = new Counter({
    name: 'flange_connection_transitions_total',
    help: 'Connection status changes decided by health checks.',
    labelNames: ['from', 'to'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'flange_http_request_duration_seconds',
    help: 'HTTP answers by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly connections = new Gauge({
    name: 'flange_connections',
    help: 'Connections by environment and status, counted in storage at scrape time.',
    labelNames: ['environment', 'status'] as const,
    registers: [this.registry],
    collect: async () => this.#countConnections(),
  });

  constructor(opts: MetricsOptions = {}) {
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Let the connections gauge read storage (the app's db, once the app is built). */
  bindStorage(db: Db, logger: Logger): void {
    this.#db.current = db;
    this.#db.logger = logger;
  }

  /** Feeds the attempt runner's outcomes and step timings in. */
  readonly attemptObserver: AttemptObserver = {
    step: (e) => {
      if (e.durationMs === undefined || e.status === 'running' || e.status === 'pending') return;
      this.stepDuration.observe({ step: e.step, status: e.status }, e.durationMs / 1000);
    },
    finished: (e) => {
      this.attempts.inc({ outcome: e.outcome, code: e.code ?? 'none', system_id: e.systemId });
    },
  };

  /** Pass as createLifecycle's `onWebhookAttempt`. */
  readonly onWebhookAttempt = (a: AttemptRecord): void => {
    this.webhookAttempts.inc({
      outcome: a.outcome,
      error_class: a.errorClass ?? 'none',
      event_type: a.eventType,
    });
    this.webhookDuration.observe({ outcome: a.outcome }, a.durationMs / 1000);
  };

  /** Pass as createLifecycle's `onHealthCheck`. */
  readonly onHealthCheck = (r: CheckReport): void => {
    this.healthChecks.inc({ source: r.source, outcome: r.outcome });
    if (r.from !== r.to) this.transitions.inc({ from: r.from, to: r.to });
  };

  /** Pass as createLifecycle's `onRateLimited`. */
  readonly onRateLimited = (policy: RateLimitPolicy): void => {
    this.rateLimited.inc({ policy: policy.name });
  };

  /** One HTTP answer. The labelled series are kept: prom-client hashes a label set on every observe. */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.#httpSeries.get(key);
    if (series === undefined) {
      series = this.httpDuration.labels({ method, route, status: String(status) });
      this.#httpSeries.set(key, series);
    }
    series.observe(seconds);
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  async #countConnections(): Promise<void> {
    const db = this.#db.current;
    if (!db) return;
    try {
      const { rows } = await db.query<{ kind: string; status: string; n: number }>(
        `SELECT e.kind, c.status, count(*)::int AS n
           FROM connections c JOIN environments e ON e.id = c.environment_id
          GROUP BY e.kind, c.status`,
      );
      this.connections.reset();
      for (const r of rows) this.connections.set({ environment: r.kind, status: r.status }, r.n);
    } catch (err) {
      // A scrape must not fail because storage is down: /readyz says that; the gauge just goes stale.
      this.connections.reset();
      this.#db.logger?.warn({ err }, 'metrics: could not count connections');
    }
  }
}
