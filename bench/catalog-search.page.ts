/**
 * The catalog-search benchmark as the browser runs it: bundled (with the search module and the shared
 * measurement code) into one script that the Chromium page loads; the bench then calls `runCatalogBench`.
 */
import { createCatalogIndex, type SearchableSystem } from '../packages/protocol/src/search';
import { measureKeystrokes, type BenchSummary } from './catalog-search.shared';

declare global {
  interface Window {
    runCatalogBench(catalog: SearchableSystem[], rounds: number, warmup: number): BenchSummary;
  }
}

window.runCatalogBench = (catalog, rounds, warmup) =>
  measureKeystrokes(createCatalogIndex, catalog, rounds, warmup);
