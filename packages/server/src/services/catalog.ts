import type { ConnectorInfo, Connectors } from '@flange/connectors';
import { searchCatalog as rank } from '@flange/protocol';
import type {
  CatalogQuery,
  CatalogResponse,
  SandboxHints,
  SystemDetail,
  SystemSummary,
} from '@flange/protocol';

/** The summaries array is the protocol search index's cache key: build it once per connectors service. */
const summariesOf = new WeakMap<Connectors, SystemSummary[]>();

/**
 * Search the systems a session may see with the protocol's ranked, typo-tolerant search (the same code
 * the widget runs), then keep only the session's systems.
 */
export function searchCatalog(
  connectors: Connectors,
  allowed: readonly string[] | null,
  query: CatalogQuery,
): CatalogResponse {
  let summaries = summariesOf.get(connectors);
  if (!summaries) {
    summaries = connectors.list().map((i) => i.summary);
    summariesOf.set(connectors, summaries);
  }
  const data = rank(summaries, query.q ?? '', {
    category: query.category,
    deployment: query.deployment,
  }).filter((s) => allowed === null || allowed.includes(s.id));
  return { data, total: data.length };
}

/** Everything the form needs about one system; sandbox hints only in the test environment. */
export function systemDetail(info: ConnectorInfo, sandbox: SandboxHints | undefined): SystemDetail {
  return {
    ...info.summary,
    auth_methods: info.authMethods,
    entities: info.entities,
    steps: info.steps,
    ...(sandbox !== undefined ? { sandbox } : {}),
  };
}
