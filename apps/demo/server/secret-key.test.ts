import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretKeySource } from './secret-key';

const KEY = `flk_test_${'Ab3'.repeat(12)}`;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-key-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('secret key source', () => {
  it('prefers the env value', async () => {
    await expect(secretKeySource({ value: KEY, file: join(dir, 'none') })()).resolves.toBe(KEY);
  });

  it('reads the file the Flange server writes, even when it appears after start', async () => {
    const file = join(dir, 'demo-secret-key');
    const source = secretKeySource({ file });
    await expect(source()).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
    await writeFile(file, `${KEY}\n`);
    await expect(source()).resolves.toBe(KEY);
  });

  it.each([
    ['a connection token', `flc_test_${'a'.repeat(32)}_abcdef`],
    ['garbage', 'hunter2'],
  ])('refuses %s as a secret key without echoing it', async (_name, value) => {
    const err = await secretKeySource({ value, file: join(dir, 'none') })().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_CONFIGURED' });
    expect((err as Error).message).not.toContain(value);
  });
});
