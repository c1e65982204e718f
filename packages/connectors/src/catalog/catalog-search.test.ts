import { createCatalogIndex } from '@flange/protocol';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './index';

// The search as the widget runs it, over the real catalog: what an end user types finds their system first.
const index = createCatalogIndex(CATALOG);
const top = (query: string): string | undefined => index.search(query)[0]?.id;

describe('catalog search over the real catalog', () => {
  it.each([
    ['maximo ibm', 'ibm-maximo'],
    ['mximo', 'ibm-maximo'],
    ['MAS', 'ibm-maximo'],
    ['maximo application suite', 'ibm-maximo'],
    ['maximo 7.6', 'ibm-maximo'],
    ['netsiute', 'oracle-netsuite'],
    ['dynamics bc', 'ms-dynamics-365-business-central'],
    ['navision', 'ms-dynamics-365-business-central'],
    ['d365 f&o', 'ms-dynamics-365-finance-operations'],
    ['infor eam', 'hxgn-eam'],
    ['dude solutions', 'brightly-asset-essentials'],
    ['sap ecc', 'sap-s4hana-onprem'],
    ['sap b1', 'sap-business-one'],
    ['jde', 'oracle-jd-edwards'],
    ['epicor kinetc', 'epicor-kinetic'],
    ['upkep', 'upkeep'],
    ['osisoft pi', 'aveva-pi-web-api'],
    ['hippo cmms', 'eptura-asset'],
    ['myob advanced', 'acumatica'],
    ['openerp', 'odoo'],
    ['iqms', 'delmiaworks'],
    ['korber', 'korber-wms'],
    ['sage 300', 'sage-300'],
  ])('%j → %s', (query, expected) => {
    expect(top(query)).toBe(expected);
  });

  it('puts an S/4HANA system first for "sap hana"', () => {
    expect(['sap-s4hana-onprem', 'sap-s4hana-cloud']).toContain(top('sap hana'));
  });

  it('shows the popular systems first when nothing is typed', () => {
    const all = index.search('');
    expect(all).toHaveLength(CATALOG.length);
    expect(all.slice(0, 2).map((e) => e.id)).toEqual(['ibm-maximo', 'sap-s4hana-onprem']);
    const popularity = all.map((e) => e.popularity);
    expect(popularity).toEqual([...popularity].sort((a, b) => b - a));
  });

  it('filters the real catalog by category and deployment', () => {
    const onPremHistorians = index.search('', { category: 'historian', deployment: 'on_prem' });
    expect(onPremHistorians.length).toBeGreaterThan(2);
    for (const entry of onPremHistorians) {
      expect(entry.category).toBe('historian');
      expect(entry.deployment).toContain('on_prem');
    }
    expect(index.search('maximo', { category: 'erp' })).toEqual([]);
  });
});
