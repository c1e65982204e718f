import type { Deployment, SystemSummary } from '@flange/protocol';
import { monogramFor } from './monogram';
import type { CatalogSeed, Hosting } from './seed';

const DEPLOYMENTS: Record<Hosting, Deployment[]> = {
  cloud: ['cloud'],
  on_prem: ['on_prem'],
  both: ['cloud', 'on_prem'],
};

/** Turns seeds into catalog entries: availability from the connector list, a generated logo, sorted by name. */
export function buildCatalog(
  seeds: readonly CatalogSeed[],
  availableIds: ReadonlySet<string>,
): SystemSummary[] {
  return seeds
    .map((seed): SystemSummary => ({
      id: seed.id,
      name: seed.name,
      vendor: seed.vendor,
      category: seed.category,
      deployment: [...DEPLOYMENTS[seed.hosting]],
      aliases: [...(seed.aliases ?? [])],
      availability: availableIds.has(seed.id) ? 'available' : 'on_request',
      popularity: seed.popularity,
      logo: monogramFor(seed.name),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
