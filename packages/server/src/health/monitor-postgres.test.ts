import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { silentLogger } from '../webhooks/deps';
import { createOutbox } from '../webhooks/outbox';
import { createPgTestDb } from '../webhooks/test-support';
import { createHealthMonitor } from './monitor';
import { insertConnection, OK } from './test-fixtures';

const db = await createPgTestDb();

describe.skipIf(db === null)(
  'health monitors on PostgreSQL (skipped when 127.0.0.1:5432 does not answer)',
  { timeout: 60_000 },
  () => {
    afterAll(() => db?.close());

    it('three instances claiming at once check each of 40 connections exactly once', async () => {
      const clock = new ManualClock('2026-03-01T00:00:00Z');
      for (let i = 0; i < 40; i++) {
        await insertConnection(db!, {
          id: `conn_${i}`,
          lastVerifiedAt: clock.now(),
          nextCheckAt: clock.now(),
        });
      }
      const calls: string[] = [];
      const make = () =>
        createHealthMonitor({
          db: db!,
          clock,
          logger: silentLogger,
          outbox: createOutbox({ clock }),
          batchSize: 6,
          verify: async (c) => {
            calls.push(c.id);
            await new Promise((resolve) => setTimeout(resolve, 5));
            return OK;
          },
        });
      const monitors = [make(), make(), make()];
      const claimed = await Promise.all(
        monitors.map(async (m) => {
          let n = 0;
          for (let got = await m.runOnce(); got > 0; got = await m.runOnce()) n += got;
          return n;
        }),
      );
      expect(claimed.reduce((a, b) => a + b, 0)).toBe(40);
      expect(calls).toHaveLength(40);
      expect(new Set(calls).size).toBe(40);
    });
  },
);
