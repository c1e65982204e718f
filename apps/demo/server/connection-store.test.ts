import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectionStore, type StoredConnection } from './connection-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-store-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const conn = (id: string, token: string): StoredConnection => ({
  connection_id: id,
  access_token: token,
  system_name: 'IBM Maximo',
  connected_at: '2025-01-01T00:00:00.000Z',
});

describe('connection store', () => {
  it('keeps workspaces apart, newest first, and replaces a reconnected connection', async () => {
    const store = await createConnectionStore();
    await store.save('ws_a', conn('c1', 't1'));
    await store.save('ws_a', conn('c2', 't2'));
    await store.save('ws_b', conn('c3', 't3'));
    await store.save('ws_a', conn('c1', 't1-new'));
    expect((await store.list('ws_a')).map((c) => [c.connection_id, c.access_token])).toEqual([
      ['c1', 't1-new'],
      ['c2', 't2'],
    ]);
    expect((await store.list('ws_b')).map((c) => c.connection_id)).toEqual(['c3']);
    expect(await store.list('ws_none')).toEqual([]);
  });

  it('survives a restart through its file, readable by the owner only', async () => {
    const file = join(dir, 'nested', 'connections.json');
    const first = await createConnectionStore({ file });
    await first.save('ws_a', conn('c1', 't1'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await createConnectionStore({ file });
    expect(await second.list('ws_a')).toEqual([conn('c1', 't1')]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('refuses to start on a file that is not its own', async () => {
    const file = join(dir, 'connections.json');
    await writeFile(file, JSON.stringify({ hello: 'world' }));
    await expect(createConnectionStore({ file })).rejects.toThrow(/not a demo connection store/);
  });
});
