import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors';
import { Locale } from '../session';
import { CATALOGS } from './catalogs';
import { de } from './de';
import { en } from './en';
import { enCore } from './en-core';
import { enFlow } from './en-flow';
import { enHosted } from './en-hosted';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('German has exactly the English keys, none empty, with the same placeholders', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const german = de[key as keyof typeof en];
      expect(german.trim(), key).not.toBe('');
      expect(placeholders(german), key).toEqual(placeholders(text));
    }
  });

  it('splits English in three parts that share no key', () => {
    const parts = [enCore, enFlow, enHosted].map((p) => Object.keys(p));
    expect(new Set(parts.flat()).size).toBe(parts.flat().length);
    expect(parts.flat().length).toBe(Object.keys(en).length);
  });

  it('has a message for every error code', () => {
    for (const code of ErrorCode.options) {
      expect(en[`error.${code}`], code).toBeTruthy();
      expect(de[`error.${code}`], code).toBeTruthy();
    }
  });

  it('has a catalog for every locale the protocol names', () => {
    expect(Object.keys(CATALOGS).sort()).toEqual([...Locale.options].sort());
  });
});
