/**
 * What each part of a GET /v1/connection costs on its own, timed in this process with the server's own
 * functions on a copy of a real server's data: the "where does the time go" table behind the
 * connection-status budget. Run once the server that wrote `dataDir` has stopped (PGlite holds its files).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken, isWellFormed, maskToken } from '../../packages/server/src/crypto/tokens';
import { randomBase62 } from '../../packages/server/src/crypto/random';
import { createPgliteDb } from '../../packages/server/src/db/pglite';
import { createLogger } from '../../packages/server/src/logger';
import { createMemoryStore } from '../../packages/server/src/ratelimit/store';
import { authenticateConnectionToken } from '../../packages/server/src/services/connection-tokens';
import { connectionView, getConnection } from '../../packages/server/src/services/connections';
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
    const row = await getConnection(db, auth.environmentId, auth.connectionId);
    const store = createMemoryStore();
    const policy = { name: 'conn', limit: 1_000_000_000, windowSeconds: 60 };
    const logger = createLogger({ level: 'info', destination: devNull() });
    const stages: Array<[string, number]> = [
      [
        'token shape check (isWellFormed, CRC32)',
        await time(20_000, () => isWellFormed('connection', token)),
      ],
      ['token hash (HMAC-SHA256 with the pepper)', await time(20_000, () => hashToken(pepper, token))],
      [
        'token lookup (SELECT … JOIN, PGlite)',
        await time(2_000, () => authenticateConnectionToken(db, hash, now)),
      ],
      [
        'rate limit (memory store consume)',
        await time(20_000, () => store.consume(policy, auth.connectionId)),
      ],
      [
        'connection read (SELECT, PGlite)',
        await time(2_000, () => getConnection(db, auth.environmentId, auth.connectionId)),
      ],
      ['connection view + JSON.stringify', await time(20_000, () => JSON.stringify(connectionView(row)))],
      ['request id (randomBase62(20))', await time(20_000, () => randomBase62(20))],
      [
        'access log line (child logger + info, to /dev/null)',
        await time(20_000, () =>
          logger.child({ req_id: 'req_x' }).info(
            {
              method: 'GET',
              path: '/v1/connection',
              status: 200,
              duration_ms: 1.2,
              auth: 'connection',
              token: maskToken(token),
            },
            'request',
          ),
        ),
      ],
    ];
    await store.close();
    const total = stages.reduce((n, [, us]) => n + us, 0);
    return [
      '   per-request stages, timed one by one in-process (µs per call, this machine, now):',
      ...stages.map(([name, us]) => `     ${round(us, 1).toString().padStart(8)} µs  ${name}`),
      `     ${round(total, 1).toString().padStart(8)} µs  sum (Express, Node HTTP and the socket come on top)`,
    ].join('\n');
  } finally {
    await db.close();
    rmSync(copy, { recursive: true, force: true });
  }
}
