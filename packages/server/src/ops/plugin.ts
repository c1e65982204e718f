import type { AppPlugin } from '../context';
import type { RouteDef, RouteTable } from '../http/route-table';
import type { LifecycleDeps } from '../lifecycle/plugin';
import type { OpsConfig } from './config';
import { renderDocsPage } from './docs-page';
import { httpMetrics } from './http-metrics';
import { Metrics } from './metrics';
import { buildApiDocument, openApiPath, type OpenApiDocument } from './openapi-document';
import * as docsRoute from './routes/docs';
import * as metricsRoute from './routes/metrics';
import * as openApiRoute from './routes/openapi-json';

export interface OpsDeps {
  config: OpsConfig;
  /** Default process metrics (CPU, memory, event loop, GC). Default true; tests starting many apps turn them off. */
  processMetrics?: boolean;
}

export interface Ops {
  /** Pass to createApp / startServer in `plugins`. */
  plugin: AppPlugin;
  /** This app's registry and instruments. */
  metrics: Metrics;
  /** Spread into createLifecycle's deps: webhook, health-check and rate-limit outcomes become metrics. */
  lifecycleHooks: Required<Pick<LifecycleDeps, 'onWebhookAttempt' | 'onHealthCheck' | 'onRateLimited'>>;
  /** The served OpenAPI document (once the app is built). */
  document(): OpenApiDocument;
  /** The app's route table (once the app is built): what the document is checked against. */
  routes(): readonly RouteDef[];
}

/**
 * The operations surface as one plugin: GET /openapi.json and GET /docs generated from the protocol's endpoint
 * tables (only the routes this app really serves), GET /metrics with a registry per app, the HTTP timing
 * middleware and the attempt observer.
 */
export function createOps(deps: OpsDeps): Ops {
  const metrics = new Metrics({ processMetrics: deps.processMetrics ?? true });
  let table: RouteTable | null = null;
  let serverUrl = '';
  let doc: OpenApiDocument | null = null;
  let page: string | null = null;

  // Built on first use: by then every plugin has added its routes to the table.
  const document = (): OpenApiDocument => {
    if (!table) throw new Error('the OpenAPI document exists once the app is built');
    doc ??= buildApiDocument({
      serverUrl,
      served: new Set(table.list().map((r) => `${r.method} ${openApiPath(r.path)}`)),
      metricsProtected: deps.config.metricsToken !== null,
    });
    return doc;
  };

  const plugin: AppPlugin = {
    name: 'ops',
    routes(routes, ctx) {
      table = routes;
      serverUrl = ctx.config.publicUrl;
      metrics.bindStorage(ctx.db, ctx.logger);
      openApiRoute.register(routes, document);
      docsRoute.register(routes, () => (page ??= renderDocsPage(document())));
      metricsRoute.register(routes, metrics, deps.config.metricsToken);
    },
    onResponse: httpMetrics(metrics),
    attempts: metrics.attemptObserver,
  };

  return {
    plugin,
    metrics,
    lifecycleHooks: {
      onWebhookAttempt: metrics.onWebhookAttempt,
      onHealthCheck: metrics.onHealthCheck,
      onRateLimited: metrics.onRateLimited,
    },
    document,
    routes: () => table?.list() ?? [],
  };
}
