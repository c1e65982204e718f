import { describe, expect, it } from 'vitest';
import { MAX_RECENT, createPersistence } from './persistence';
import { memoryStorage } from '../test/fixtures';

const FUTURE = '2030-01-01T00:00:00.000Z';

describe('createPersistence', () => {
  it('keeps a position per session until the session ends, and prunes ended ones', () => {
    const storage = memoryStorage();
    let now = Date.parse('2029-12-31T23:00:00.000Z');
    const a = createPersistence(storage, () => now);
    a.bind('cs_a', FUTURE);
    a.save({ screen: 'form', systemId: 'ibm_maximo', authMethod: 'api_key', values: { url: 'https://m' } });
    const b = createPersistence(storage, () => now);
    b.bind('cs_a', FUTURE);
    expect(b.load()).toEqual({
      screen: 'form',
      systemId: 'ibm_maximo',
      authMethod: 'api_key',
      values: { url: 'https://m' },
    });
    now = Date.parse(FUTURE) + 1;
    expect(b.load()).toBeNull();
    const c = createPersistence(storage, () => now);
    c.bind('cs_other', '2031-01-01T00:00:00.000Z');
    expect(storage.data.has('flange:flow:cs_a')).toBe(false);
  });

  it('remembers which successes the host heard of, across instances', () => {
    const storage = memoryStorage();
    const a = createPersistence(storage);
    a.bind('cs_a', FUTURE);
    expect(a.isDelivered('att_1')).toBe(false);
    a.markDelivered('att_1');
    const b = createPersistence(storage);
    b.bind('cs_a', FUTURE);
    expect(b.isDelivered('att_1')).toBe(true);
  });

  it('keeps the most recent systems first, without duplicates, capped', () => {
    const p = createPersistence(memoryStorage());
    for (const id of ['a', 'b', 'c', 'a', 'd', 'e', 'f', 'g']) p.addRecent(id);
    expect(p.recent()).toEqual(['g', 'f', 'e', 'd', 'a']);
    expect(p.recent()).toHaveLength(MAX_RECENT);
  });

  it('shrugs off missing, blocked and corrupt storage', () => {
    const none = createPersistence(null);
    none.bind('cs', FUTURE);
    none.save({ screen: 'form', systemId: 'x', authMethod: null, values: {} });
    expect(none.load()).toBeNull();
    expect(none.available).toBe(false);
    const blocked = createPersistence({
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    });
    blocked.bind('cs', FUTURE);
    blocked.save({ screen: 'form', systemId: 'x', authMethod: null, values: {} });
    expect(blocked.load()).toBeNull();
    expect(blocked.addRecent('x')).toEqual(['x']);
    const corrupt = memoryStorage();
    corrupt.setItem('flange:flow:cs', '{not json');
    corrupt.setItem('flange:recent', '{"a":1}');
    const p = createPersistence(corrupt);
    p.bind('cs', FUTURE);
    expect(p.load()).toBeNull();
    expect(p.recent()).toEqual([]);
  });
});
