import { SystemSummary } from '@flange/protocol';
import { describe, expect, it } from 'vitest';
import { AVAILABLE_SYSTEM_IDS, CATALOG, CATALOG_SEEDS, getCatalogEntry } from './index';
import { monogramFor } from './monogram';

/**
 * Issue 3 asks for at least 250 real products. The reference's §1 and §5 hold 218 distinct ones once
 * aliases, legacy names and modules are folded in; data/beyond-reference.ts adds well-known products of
 * the categories the reference leaves empty (`ref: 'known'`). A floor, so losing an entry fails.
 */
const MIN_ENTRIES = 250;

/** The reference's list lengths: a seed citing a row beyond them cites something that does not exist. */
const REFERENCE_ROWS: Record<string, number> = { '§1': 57, CMMS: 46, ERP: 62, S2P: 27, WMS: 21, MES: 24 };

const norm = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

describe('catalog', () => {
  it(`holds at least ${MIN_ENTRIES} products`, () => {
    expect(CATALOG.length).toBeGreaterThanOrEqual(MIN_ENTRIES);
    expect(CATALOG_SEEDS).toHaveLength(CATALOG.length);
  });

  it('parses as SystemSummary, entry by entry', () => {
    const invalid = CATALOG.filter((entry) => !SystemSummary.safeParse(entry).success).map((e) => e.id);
    expect(invalid).toEqual([]);
  });

  it('uses unique kebab-case ids and unique names', () => {
    const ids = CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
    const names = CATALOG.map((e) => norm(e.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists no product twice: no alias is another entry’s name', () => {
    const byName = new Map(CATALOG.map((e) => [norm(e.name), e.id]));
    const clashes = CATALOG.flatMap((entry) =>
      entry.aliases
        .filter((alias) => (byName.get(norm(alias)) ?? entry.id) !== entry.id)
        .map((alias) => `${entry.id}: "${alias}"`),
    );
    expect(clashes).toEqual([]);
    const repeated = CATALOG.filter((e) => new Set(e.aliases.map(norm)).size !== e.aliases.length);
    expect(repeated.map((e) => e.id)).toEqual([]);
  });

  it('marks exactly the 27 systems with a connector available, every other one on request', () => {
    expect(AVAILABLE_SYSTEM_IDS).toHaveLength(27);
    const missing = AVAILABLE_SYSTEM_IDS.filter((id) => getCatalogEntry(id)?.availability !== 'available');
    expect(missing).toEqual([]);
    const available = CATALOG.filter((e) => e.availability === 'available').map((e) => e.id);
    expect(available.sort()).toEqual([...AVAILABLE_SYSTEM_IDS].sort());
  });

  it('traces every entry to a row of the reference', () => {
    const badCites = CATALOG_SEEDS.flatMap((seed) =>
      seed.ref
        .split(', ')
        .filter((cite) => {
          if (cite === 'known') return false;
          const m = /^(?:(§1)|§5 (CMMS|ERP|S2P|WMS|MES)) #(\d+)$/.exec(cite);
          const rows = REFERENCE_ROWS[m?.[1] ?? m?.[2] ?? ''];
          const row = Number(m?.[3]);
          return rows === undefined || !(row >= 1 && row <= rows);
        })
        .map((cite) => `${seed.id}: ${cite}`),
    );
    expect(badCites).toEqual([]);
  });

  it('keeps the names users know as aliases', () => {
    const aliases = (id: string): string[] => getCatalogEntry(id)?.aliases ?? [];
    expect(aliases('ibm-maximo')).toEqual(
      expect.arrayContaining(['MAS', 'Maximo Application Suite', 'Maximo Manage', 'Maximo 7.6']),
    );
    expect(aliases('hxgn-eam')).toContain('Infor EAM');
    expect(aliases('brightly-asset-essentials')).toContain('Dude Solutions');
    expect(aliases('ms-dynamics-365-business-central')).toContain('Navision');
    expect(aliases('sap-s4hana-onprem')).toEqual(expect.arrayContaining(['SAP ECC', 'SAP ECC 6.0']));
  });

  it('ranks the big names high and keeps popularity within 0–100', () => {
    const bigNames = [
      'ibm-maximo',
      'sap-s4hana-onprem',
      'oracle-netsuite',
      'ms-dynamics-365-business-central',
    ];
    expect(bigNames.filter((id) => (getCatalogEntry(id)?.popularity ?? 0) < 85)).toEqual([]);
    expect(CATALOG.filter((e) => e.popularity < 0 || e.popularity > 100)).toEqual([]);
  });

  it('generates each logo from the name, with 1–3 characters on an AA colour pair', () => {
    const hex = /^#[0-9a-f]{6}$/;
    const bad = CATALOG.filter(
      ({ name, logo }) =>
        JSON.stringify(logo) !== JSON.stringify(monogramFor(name)) ||
        !/^[\p{Lu}\p{N}][\p{L}\p{N}]{0,2}$/u.test(logo.monogram) ||
        !hex.test(logo.background) ||
        !hex.test(logo.foreground) ||
        wcagContrast(logo.background, logo.foreground) < 4.5,
    );
    expect(bad.map((e) => `${e.id} ${JSON.stringify(e.logo)}`)).toEqual([]);
  });

  it('spreads the logo colours rather than painting everything alike', () => {
    expect(new Set(CATALOG.map((e) => e.logo.background)).size).toBeGreaterThan(CATALOG.length / 2);
  });

  it('finds entries by id and returns undefined for an unknown one', () => {
    expect(getCatalogEntry('ibm-maximo')?.name).toBe('IBM Maximo');
    expect(getCatalogEntry('no-such-system')).toBeUndefined();
    expect(getCatalogEntry('')).toBeUndefined();
  });
});

/** WCAG 2.x contrast, written out here independently of monogram.ts so a bug there cannot hide itself. */
function wcagContrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
