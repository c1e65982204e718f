import { describe, expect, it } from 'vitest';
import type { Category, Deployment } from './catalog';
import { createCatalogIndex, searchCatalog, type SearchableSystem } from './search';

function system(
  id: string,
  name: string,
  vendor: string,
  popularity: number,
  extra: { aliases?: string[]; category?: Category; deployment?: Deployment[]; available?: boolean } = {},
): SearchableSystem {
  return {
    id,
    name,
    vendor,
    popularity,
    aliases: extra.aliases ?? [],
    category: extra.category ?? 'erp',
    deployment: extra.deployment ?? ['cloud'],
    availability: extra.available ? 'available' : 'on_request',
  };
}

const ENTRIES: SearchableSystem[] = [
  system('ibm-maximo', 'IBM Maximo', 'IBM', 96, {
    aliases: ['MAS', 'Maximo Application Suite', 'Maximo Manage', 'Maximo 7.6'],
    category: 'eam_cmms',
    deployment: ['cloud', 'on_prem'],
    available: true,
  }),
  system('ibm-tririga', 'IBM TRIRIGA', 'IBM', 50, { category: 'iwms', deployment: ['cloud', 'on_prem'] }),
  system('sap-s4hana-onprem', 'SAP S/4HANA on-premise', 'SAP', 95, {
    aliases: ['SAP ECC', 'SAP ERP'],
    deployment: ['cloud', 'on_prem'],
    available: true,
  }),
  system('sap-s4hana-cloud', 'SAP S/4HANA Cloud', 'SAP', 88, { available: true }),
  system('sap-ariba', 'SAP Ariba', 'SAP', 80, { category: 'procurement' }),
  system('sap-business-one', 'SAP Business One', 'SAP', 78, { aliases: ['SAP B1'], available: true }),
  system('oracle-netsuite', 'Oracle NetSuite', 'Oracle', 90, { aliases: ['NetSuite'], available: true }),
  system('visma-net-erp', 'Visma.net ERP', 'Visma', 42),
  system('bc', 'Microsoft Dynamics 365 Business Central', 'Microsoft', 88, {
    aliases: ['Business Central', 'BC', 'D365 BC', 'Dynamics BC', 'Navision'],
    available: true,
  }),
  system('fo', 'Microsoft Dynamics 365 Finance & Operations', 'Microsoft', 82, {
    aliases: ['D365 F&O', 'Dynamics 365 Supply Chain Management'],
    available: true,
  }),
  system('gp', 'Microsoft Dynamics GP', 'Microsoft', 62, { deployment: ['on_prem'] }),
  system('sage-100', 'Sage 100', 'Sage', 55, { aliases: ['MAS 90', 'MAS 200'], deployment: ['on_prem'] }),
  system('hxgn-eam', 'HxGN EAM', 'Hexagon', 74, {
    aliases: ['Infor EAM'],
    category: 'eam_cmms',
    deployment: ['cloud', 'on_prem'],
  }),
  system('brightly', 'Brightly Asset Essentials', 'Brightly (Siemens)', 58, {
    aliases: ['Dude Solutions'],
    category: 'eam_cmms',
  }),
  system('korber-wms', 'Körber WMS', 'Körber Supply Chain Software', 45, { category: 'wms' }),
  system('jobboss', 'JobBOSS²', 'ECI Software Solutions', 38),
  system('upkeep', 'UpKeep', 'UpKeep', 72, { category: 'eam_cmms' }),
  system('fishbowl', 'Fishbowl Advanced', 'Fishbowl', 62, { category: 'inventory', deployment: ['on_prem'] }),
];

const ids = (results: SearchableSystem[]): string[] => results.map((r) => r.id);
const top = (query: string): string | undefined => searchCatalog(ENTRIES, query)[0]?.id;

describe('searchCatalog', () => {
  it.each([
    ['maximo ibm', 'ibm-maximo'],
    ['ibm maximo', 'ibm-maximo'],
    ['mximo', 'ibm-maximo'],
    ['maxmio', 'ibm-maximo'],
    ['netsiute', 'oracle-netsuite'],
    ['net suite', 'oracle-netsuite'],
    ['dynamics bc', 'bc'],
    ['bc dynamics', 'bc'],
    ['businesscentral', 'bc'],
    ['navision', 'bc'],
    ['d365 f&o', 'fo'],
    ['MAS', 'ibm-maximo'],
    ['mas 90', 'sage-100'],
    ['infor eam', 'hxgn-eam'],
    ['dude solutions', 'brightly'],
    ['korber', 'korber-wms'],
    ['KÖRBER', 'korber-wms'],
    ['jobboss2', 'jobboss'],
    ['upkep', 'upkeep'],
    ['visma.net', 'visma-net-erp'],
  ])('ranks %j to %s first', (query, expected) => {
    expect(top(query)).toBe(expected);
  });

  it('finds an S/4HANA system first for "sap hana", "s4hana" and "S/4HANA"', () => {
    for (const query of ['sap hana', 's4hana', 'S/4HANA', 'sap s/4']) {
      expect(['sap-s4hana-onprem', 'sap-s4hana-cloud']).toContain(top(query));
    }
  });

  it('keeps the right system first while the user types', () => {
    for (const [word, expected] of [
      ['maximo', 'ibm-maximo'],
      ['netsuite', 'oracle-netsuite'],
      ['fishbowl', 'fishbowl'],
    ] as const) {
      const prefixes = Array.from({ length: word.length - 2 }, (_, k) => word.slice(0, k + 3));
      expect(prefixes.map((p) => [p, top(p)])).toEqual(prefixes.map((p) => [p, expected]));
    }
  });

  it('lists everything, most popular first, for an empty or blank query', () => {
    for (const query of ['', '   ', '\t\n']) {
      const results = searchCatalog(ENTRIES, query);
      expect(results).toHaveLength(ENTRIES.length);
      const popularity = results.map((r) => r.popularity);
      expect(popularity).toEqual([...popularity].sort((a, b) => b - a));
      expect(results[0]?.id).toBe('ibm-maximo');
    }
  });

  it('orders a one-letter query by popularity among the matches', () => {
    const results = searchCatalog(ENTRIES, 's');
    expect(results[0]?.id).toBe('sap-s4hana-onprem');
    // Only entries with a word starting with "s" ("Suite" brings in Maximo; UpKeep has none).
    expect(ids(results)).toContain('ibm-maximo');
    expect(ids(results)).not.toContain('upkeep');
  });

  it('prefers an exact alias to a longer one that starts the same', () => {
    const results = ids(searchCatalog(ENTRIES, 'mas'));
    expect(results.indexOf('ibm-maximo')).toBeLessThan(results.indexOf('sage-100'));
  });

  it('returns nothing for a query that matches nothing, so the caller can offer "request it"', () => {
    expect(searchCatalog(ENTRIES, 'xyzzy')).toEqual([]);
    expect(searchCatalog(ENTRIES, 'qqqqqqqqqq wwwwwwww')).toEqual([]);
  });

  it('does not let one stray word hide the system', () => {
    expect(top('maximo xyzzy')).toBe('ibm-maximo');
  });

  it('filters by category, several categories, deployment and availability', () => {
    const eam = searchCatalog(ENTRIES, '', { category: 'eam_cmms' });
    expect(ids(eam).sort()).toEqual(['brightly', 'hxgn-eam', 'ibm-maximo', 'upkeep']);
    const several = searchCatalog(ENTRIES, '', { category: ['wms', 'inventory'] });
    expect(ids(several).sort()).toEqual(['fishbowl', 'korber-wms']);
    const onPrem = searchCatalog(ENTRIES, 'sap', { deployment: 'on_prem' });
    expect(ids(onPrem)).toEqual(['sap-s4hana-onprem']);
    const available = searchCatalog(ENTRIES, 'sap', { availability: 'available' });
    expect(ids(available)).not.toContain('sap-ariba');
    expect(ids(available)).toContain('sap-business-one');
    expect(searchCatalog(ENTRIES, 'maximo', { category: 'erp' })).toEqual([]);
  });

  it('applies the limit', () => {
    expect(searchCatalog(ENTRIES, '', { limit: 3 })).toHaveLength(3);
    expect(searchCatalog(ENTRIES, 'sap', { limit: 2 })).toHaveLength(2);
    expect(searchCatalog(ENTRIES, 'sap', { limit: 0 })).toEqual([]);
    expect(searchCatalog(ENTRIES, '', { limit: 0 })).toEqual([]);
    expect(searchCatalog(ENTRIES, 'sap', { limit: -1 })).toEqual([]);
  });

  it.each([
    ['regex characters', '.*+?^${}()|[]\\'],
    ['regex with a word', 'maximo.*('],
    ['a very long string', 'maximo '.repeat(20_000)],
    ['one very long word', 'a'.repeat(100_000)],
    ['emoji', '🔧🏭 maximo 🚚'],
    ['combining marks', 'ma\u0301ximo\u0308'],
    ['right-to-left text', 'מקסימו'],
    ['CJK', '最大'],
    ['NUL and control characters', '\u0000maximo\u0007'],
    ['zero-width joiners', 'max\u200Bimo'],
    ['lone surrogates', '\uD800maximo\uDFFF'],
    ['full-width letters', 'ｍａｘｉｍｏ'],
  ])('does not crash on %s', (_label, query) => {
    const results = searchCatalog(ENTRIES, query);
    expect(Array.isArray(results)).toBe(true);
  });

  it('treats full-width letters and combining marks like plain ones', () => {
    expect(top('ｍａｘｉｍｏ')).toBe('ibm-maximo');
    expect(top('ma\u0301ximo')).toBe('ibm-maximo');
  });

  it('survives a non-string query from untyped callers', () => {
    expect(searchCatalog(ENTRIES, undefined as unknown as string)).toHaveLength(ENTRIES.length);
    expect(searchCatalog(ENTRIES, 42 as unknown as string)).toHaveLength(ENTRIES.length);
  });

  it('gives the same answers from a reused index as from a fresh one', () => {
    const index = createCatalogIndex(ENTRIES);
    const queries = ['m', 'ma', 'max', 'maxi', 'maxim', 'maximo', 'maximo i', 'maximo ib', 'maximo ibm'];
    const first = queries.map((q) => ids(index.search(q)));
    const again = queries.map((q) => ids(index.search(q)));
    const fresh = queries.map((q) => ids(createCatalogIndex(ENTRIES).search(q)));
    expect(again).toEqual(first);
    expect(fresh).toEqual(first);
    expect(index.size).toBe(ENTRIES.length);
  });

  it('handles an empty catalog', () => {
    expect(searchCatalog([], 'maximo')).toEqual([]);
    expect(searchCatalog([], '')).toEqual([]);
  });
});
