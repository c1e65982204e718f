import { describe, expect, it } from 'vitest';
import { contrastRatio, monogramColours, monogramText } from './monogram';

describe('monogramText', () => {
  it.each([
    ['IBM Maximo', 'IM'],
    ['MaintainX', 'MX'],
    ['ServiceNow', 'SN'],
    ['FMX', 'FMX'],
    ['MAMS', 'MA'],
    ['Xero', 'Xe'],
    ['Sage 100', 'S1'],
    ['JobBOSS²', 'JB'],
    ['Körber WMS', 'KW'],
    ['SAP S/4HANA Cloud', 'SS'],
    ['Sage 300 Construction and Real Estate', 'S3'],
    ['Hexagon j5 Operations Management', 'HJ'],
    ['', '?'],
    ['(…)', '?'],
  ])('%j → %j', (name, expected) => {
    expect(monogramText(name)).toBe(expected);
  });
});

describe('monogramColours', () => {
  it('is deterministic and differs between names', () => {
    expect(monogramColours('IBM Maximo')).toEqual(monogramColours('IBM Maximo'));
    expect(monogramColours('IBM Maximo')).not.toEqual(monogramColours('IBM TRIRIGA'));
  });

  it('reaches 4.5:1 for many names, light and dark backgrounds alike', () => {
    let light = 0;
    for (let i = 0; i < 2000; i++) {
      const { background, foreground } = monogramColours(`Product ${i}`);
      expect(contrastRatio(background, foreground)).toBeGreaterThanOrEqual(4.5);
      if (foreground !== '#ffffff') light++;
    }
    expect(light).toBeGreaterThan(500);
    expect(light).toBeLessThan(1500);
  });
});

describe('contrastRatio', () => {
  it('matches the WCAG reference points', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
