import type { Category } from '@flange/protocol';

/** Where a product runs; `both` expands to ['cloud', 'on_prem']. */
export type Hosting = 'cloud' | 'on_prem' | 'both';

/**
 * One product as the catalog data states it. `ref` names the line of
 * /work/shared/reference/industrial-systems.md the product comes from (§1 row, or §5 list and number), so
 * every entry can be traced to a source and none is made up.
 */
export interface CatalogSeed {
  id: string;
  name: string;
  /** Empty when the reference could not verify the vendor. */
  vendor: string;
  category: Category;
  hosting: Hosting;
  /** 0–100, the big names higher; orders an empty search. */
  popularity: number;
  /** Legacy names, abbreviations, editions and modules folded into this entry. */
  aliases?: string[];
  ref: string;
}
