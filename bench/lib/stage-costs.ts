/**
 * What each part of a GET /v1/connection costs on its own, timed in this process with the server's own
 * functions on a copy of a real server's data: the "where does the time go" table behind the
 * connection-status budget. Run once the server that wrote `dataDir` has stopped (PGlite holds its files).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenHashes, hashToken, isWellFormed, maskToken } from '../../packages/server/src/crypto/tokens';
import { pooledRandomBase62 } from '../../packages/server/src/crypto/random';
import { createPgliteDb } from '../../packages/server/src/db/pglite';
import { createLogger, maskTokensIn, writeKnownLine } from '../../packages/server/src/logger';
import { createMemoryStore } from '../../packages/server/src/ratelimit/store';
import { ConnectionCache } from '../../packages/server/src/services/connection-cache';
import { authenticateConnectionToken } from '../../packages/server/src/services/connection-tokens';
import {
  cachedConnection,
  connectionView,
  getConnection,
} from '../../packages/server/src/services/connections';
import { resolveSecrets } from '../../packages/server/src/secrets';
import { loadConfig } from '../../packages/server/src/config';
import { repoPath } from './paths';
import { round } from './stats';

type Destination = NonNullable<NonNullable<Parameters<typeof createLogger>[0]>['destination']>;
/** pino's own synchronous file destination (what it writes stdout with), pointed at /dev/null. */
const devNull = (): Destination =>
  (
    createRequire(repoPath('packages/server/package.json'))('pino') as {
      destination(o: { dest: string; sync: boolean }): Destination;
    }
  ).destination({ dest: '/dev/null', sync: true });

async function time(iterations: number, fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(200, iterations); i++) await fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

/** Microseconds per call of each stage, as printable lines. */
export async function stageCosts(dataDir: string, token: string): Promise<string> {
  const copy = mkdtempSync(join(tmpdir(), 'flange-bench-stages-'));
  cpSync(dataDir, copy, { recursive: true });
  const config = loadConfig({ FLANGE_DATA_DIR: copy }, { cwd: copy, hostedDist: copy });
  const { pepper } = resolveSecrets(config);
  const db = await createPgliteDb({ dataDir: join(copy, 'pgdata') });
  try {
    const now = new Date();
    const hash = hashToken(pepper, token);
    const auth = await authenticateConnectionToken(db, hash, now);
    const store = createMemoryStore();
    const policy = { name: 'conn', limit: 1_000_000_000, windowSeconds: 60 };
    const logger = createLogger({ level: 'info', destination: devNull() });
    const hashes = new TokenHashes(pepper);
    hashes.remember(hashes.key(token), token);
    const cache = new ConnectionCache({ clock: { now: () => new Date() } });
    await authenticateConnectionToken(db, hash, now, cache);
    await cachedConnection(db, cache, auth.environmentId, auth.connectionId);
    // What a request pays on the hot path (a cache hit), summed below.
    const stages: Array<[string, number]> = [
      [
        'token shape check (isWellFormed, CRC32; first time only, not in the sum)',
        await time(20_000, () => isWellFormed('connection', token)),
      ],
      [
        'token hash, remembered (SHA-256 key + map; the server skips the shape check then)',
        await time(20_000, () => hashes.known(hashes.key(token))),
      ],
      [
        'token hash, first time (HMAC-SHA256 with the pepper, not in the sum)',
        await time(20_000, () => hashToken(pepper, token)),
      ],
      [
        'token lookup (connection cache hit)',
        await time(20_000, () => authenticateConnectionToken(db, hash, now, cache)),
      ],
      [
        'rate limit (memory store consume)',
        await time(20_000, () => store.consume(policy, auth.connectionId)),
      ],
      [
        'connection view + JSON (connection cache hit)',
        await time(20_000, () => cachedConnection(db, cache, auth.environmentId, auth.connectionId)),
      ],
      ['request id (pooledRandomBase62(20))', await time(20_000, () => pooledRandomBase62(20))],
      [
        'access log line (known fields, masked, to /dev/null)',
        await time(20_000, () =>
          writeKnownLine(
            logger,
            `,"req_id":${JSON.stringify(maskTokensIn('req_x'))},"method":"GET"` +
              `,"path":${JSON.stringify(maskTokensIn('/v1/connection'))},"status":200,"duration_ms":1.2` +
              `,"auth":"connection","token":${JSON.stringify(maskToken(token))}`,
            'request',
          ),
        ),
      ],
    ];
    // What a miss (the first request, or the first after a change) pays instead, not in the sum.
    const misses: Array<[string, number]> = [
      [
        'token lookup on a miss (SELECT … JOIN, PGlite)',
        await time(2_000, () => authenticateConnectionToken(db, hash, now)),
      ],
      [
        'connection read on a miss (SELECT, PGlite) + view + JSON',
        await time(2_000, async () =>
          JSON.stringify(connectionView(await getConnection(db, auth.environmentId, auth.connectionId))),
        ),
      ],
    ];
    await store.close();
    const total = stages
      .filter(([name]) => !name.includes('not in the sum'))
      .reduce((n, [, us]) => n + us, 0);
    return [
      '   per-request stages, timed one by one in-process (µs per call, this machine, now):',
      ...stages.map(([name, us]) => `     ${round(us, 1).toString().padStart(8)} µs  ${name}`),
      `     ${round(total, 1).toString().padStart(8)} µs  sum (Express, Node HTTP and the socket come on top)`,
      '   on a cache miss instead:',
      ...misses.map(([name, us]) => `     ${round(us, 1).toString().padStart(8)} µs  ${name}`),
    ].join('\n');
  } finally {
    await db.close();
    rmSync(copy, { recursive: true, force: true });
  }
}
