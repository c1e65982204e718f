/**
 * Issue 5's budget: token-authenticated GET /v1/connection against a bare Express "hello" route, both in
 * the same run with autocannon on loopback: ≥ 0.85× hello's requests per second, p99 ≤ 1.25× hello's p99.
 *
 *   pnpm bench:status             # figures and PASS/FAIL
 *   pnpm bench:status --profile   # then a CPU profile of the Flange server under the same load
 *   pnpm bench:status --profile-only   # the profile alone
 *   pnpm bench:status --stages    # then each part of a request timed on its own (PGlite only)
 *   pnpm bench:status --postgres  # the server on the local PostgreSQL (DATABASE_URL) instead of PGlite
 *
 * Both servers are child processes started the same way (node --import tsx); the Flange server is the real
 * main.ts on embedded PGlite with the production defaults (info request logs, rate limiting, the lifecycle
 * plugin), its connection limit raised so the load is counted but never refused. The token comes from the
 * real flow: a session, an attempt against the Maximo simulator, the exchange. Rounds alternate which server
 * goes first, and each round's ratio compares two runs taken seconds apart, so a machine busy with other work
 * skews both sides alike.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
// Only the Maximo simulator is needed: its module alone, not every simulator the package index loads.
import { startMaximoSimulator } from '../packages/simulators/src/maximo/index';
import { connectMaximo, startFlange, type FlangeServer } from './lib/flange';
import { createScratchDatabase, postgresEnv } from './lib/postgres';
import { freePort, startTs } from './lib/processes';
import { summarizeProfile } from './lib/cpu-profile';
import { stageCosts } from './lib/stage-costs';
import { finish, header } from './lib/report';
import { median, round } from './lib/stats';

const RPS_RATIO_MIN = 0.85;
const P99_RATIO_MAX = 1.25;
const CONNECTIONS = 10;
const PIPELINING = 1;
const WARMUP_SECONDS = 4;
const ROUND_SECONDS = 8;
const ROUNDS = 3;
const PROFILE_ONLY = process.argv.includes('--profile-only');
const PROFILE = PROFILE_ONLY || process.argv.includes('--profile');
const POSTGRES = process.argv.includes('--postgres');
const STAGES = process.argv.includes('--stages') && !POSTGRES;
/** The connection limit raised so every request is counted against it but none is refused. */
const SERVER_ENV = { FLANGE_RATE_LIMIT_CONNECTION: '1000000' };

/** The Flange server on PGlite (the embedded default) or, with --postgres, on a scratch PostgreSQL database. */
async function startStorageAndFlange(nodeArgs?: string[]): Promise<FlangeServer> {
  if (!POSTGRES) return startFlange({ env: SERVER_ENV, ...(nodeArgs ? { nodeArgs } : {}) });
  const db = await createScratchDatabase();
  try {
    const server = await startFlange({
      env: { ...SERVER_ENV, ...postgresEnv(db.url) },
      ...(nodeArgs ? { nodeArgs } : {}),
    });
    return {
      ...server,
      stop: async () => {
        await server.stop();
        await db.drop();
      },
    };
  } catch (e) {
    await db.drop();
    throw e;
  }
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Run> {
  const r = await autocannon({
    url,
    headers,
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    duration: seconds,
  });
  return {
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const show = (name: string, r: Run) =>
  `${name.padEnd(16)} ${round(r.rps, 0).toString().padStart(7)} req/s   p50 ${r.p50} ms   p99 ${r.p99} ms   (${r.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`;

/** The same load against a Flange server started with --cpu-prof; prints where its CPU time went. */
async function profile(maximoUrl: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flange-bench-prof-'));
  let window: { from: number; to: number } | undefined;
  const server = await startStorageAndFlange(['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  try {
    const { token } = await connectMaximo(server, maximoUrl);
    const headers = { authorization: `Bearer ${token}` };
    await load(`${server.url}/v1/connection`, headers, WARMUP_SECONDS);
    const from = Number(process.hrtime.bigint() / 1000n);
    const run = await load(`${server.url}/v1/connection`, headers, ROUND_SECONDS);
    window = { from, to: Number(process.hrtime.bigint() / 1000n) };
    process.stdout.write(`\n   profiled run (profiler on, slower): ${show('GET /v1/connection', run)}\n`);
  } finally {
    await server.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`No CPU profile was written to ${dir}`);
  process.stdout.write(
    `${summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')), window)}\n   profile: ${join(dir, file)}\n`,
  );
}

async function main(): Promise<void> {
  header(
    `GET /v1/connection vs a bare Express route (issue 5), storage: ${POSTGRES ? 'PostgreSQL 127.0.0.1:5432' : 'embedded PGlite'}`,
    `≥ ${RPS_RATIO_MIN}× hello's requests/s and p99 ≤ ${P99_RATIO_MAX}× hello's p99; autocannon ${CONNECTIONS} connections, pipelining ${PIPELINING}, ${ROUNDS} rounds of ${ROUND_SECONDS} s each after ${WARMUP_SECONDS} s warm-ups`,
  );
  const maximo = await startMaximoSimulator({ host: '127.0.0.1' });
  if (PROFILE_ONLY) {
    await profile(maximo.url);
    return maximo.close();
  }
  let flange: FlangeServer | null = null;
  const helloPort = await freePort();
  const hello = startTs('bench/servers/hello-server.ts', { PORT: String(helloPort) });
  try {
    flange = await startStorageAndFlange();
    await hello.announcement;
    const { token, id } = await connectMaximo(flange, maximo.url);
    const helloUrl = `http://127.0.0.1:${helloPort}/hello`;
    const statusUrl = `${flange.url}/v1/connection`;
    const auth = { authorization: `Bearer ${token}` };

    // The route must do its whole job on every request: a real answer for this connection, rate-limit headers.
    const probe = await fetch(statusUrl, { headers: auth });
    const body = (await probe.json()) as { id?: string; status?: string };
    if (probe.status !== 200 || body.id !== id)
      throw new Error(`GET /v1/connection answered ${probe.status}`);
    if (!probe.headers.get('ratelimit'))
      throw new Error('GET /v1/connection answered without RateLimit headers');
    process.stdout.write(
      `   connection ${id} (${body.status}), token ${token.slice(0, 9)}…${token.slice(-4)}; RateLimit: ${probe.headers.get('ratelimit')}\n\n`,
    );

    await load(helloUrl, {}, WARMUP_SECONDS);
    await load(statusUrl, auth, WARMUP_SECONDS);
    const rounds: Array<{ hello: Run; status: Run }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      let h: Run;
      let s: Run;
      if (i % 2 === 0) {
        h = await load(helloUrl, {}, ROUND_SECONDS);
        s = await load(statusUrl, auth, ROUND_SECONDS);
      } else {
        s = await load(statusUrl, auth, ROUND_SECONDS);
        h = await load(helloUrl, {}, ROUND_SECONDS);
      }
      rounds.push({ hello: h, status: s });
      process.stdout.write(
        `   round ${i + 1}\n   ${show('hello', h)}\n   ${show('GET /v1/connection', s)}\n   ratio: ${round(s.rps / h.rps, 3)}× req/s, ${round(s.p99 / h.p99, 2)}× p99\n\n`,
      );
    }
    const bad = rounds.reduce(
      (n, r) => n + r.status.non2xx + r.status.errors + r.hello.non2xx + r.hello.errors,
      0,
    );
    if (bad > 0)
      throw new Error(`${bad} requests failed or answered non-2xx: the figures would not mean anything`);

    const rpsRatio = round(median(rounds.map((r) => r.status.rps / r.hello.rps)), 3);
    const p99Ratio = round(median(rounds.map((r) => r.status.p99 / r.hello.p99)), 2);
    const figures = {
      hello_rps: round(median(rounds.map((r) => r.hello.rps)), 0),
      status_rps: round(median(rounds.map((r) => r.status.rps)), 0),
      hello_p99_ms: median(rounds.map((r) => r.hello.p99)),
      status_p99_ms: median(rounds.map((r) => r.status.p99)),
      rps_ratio: rpsRatio,
      p99_ratio: p99Ratio,
    };
    process.stdout.write(
      `   median of ${ROUNDS} rounds: hello ${figures.hello_rps} req/s p99 ${figures.hello_p99_ms} ms; GET /v1/connection ${figures.status_rps} req/s p99 ${figures.status_p99_ms} ms\n\n`,
    );
    finish(
      POSTGRES ? 'connection-status (PostgreSQL)' : 'connection-status',
      [
        {
          name: 'GET /v1/connection req/s ÷ hello req/s (median of rounds)',
          value: rpsRatio,
          limit: RPS_RATIO_MIN,
          kind: 'min',
          unit: '×',
        },
        {
          name: 'GET /v1/connection p99 ÷ hello p99 (median of rounds)',
          value: p99Ratio,
          limit: P99_RATIO_MAX,
          kind: 'max',
          unit: '×',
        },
      ],
      figures,
    );
    if (STAGES) {
      // PGlite keeps its files to itself while the server runs: stop it, keep its data, time the stages.
      await flange.child.stop(15_000);
      process.stdout.write(`\n${await stageCosts(flange.dataDir, token)}\n`);
    }
  } finally {
    await hello.stop();
    await flange?.stop();
  }
  if (PROFILE) await profile(maximo.url);
  await maximo.close();
}

await main();
