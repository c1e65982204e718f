#!/usr/bin/env node
/**
 * `pnpm start`: builds the hosted flow and the demo when their sources changed, then runs the product
 * simulators, the Flange server (embedded PGlite in ./.flange) and the Acme Reliability demo, and prints
 * where to go and what to type. Ctrl-C stops everything.
 *
 * Ports and the data folder can be moved (the e2e suite does): FLANGE_PORT (4000), DEMO_PORT (3000),
 * SIMULATORS_PORT (4100, first of one port per product), FLANGE_DATA_DIR (./.flange). Once everything
 * answers, the URLs and sandbox credentials are written as JSON to FLANGE_STACK_FILE (default
 * <data folder>/stack.json).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, needsBuild } from './lib/build.mjs';
import { startTs, stopAll, waitForAnnouncement, waitForHttp } from './lib/processes.mjs';
import { banner } from './lib/banner.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const print = (line) => process.stdout.write(`${line}\n`);

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`Flange needs Node 20 or newer; this is Node ${process.versions.node}.`);
  process.exit(1);
}

const port = (name, fallback) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} must be a port number (1-65535), got ${env[name]}.`);
    process.exit(1);
  }
  return value;
};
const flangePort = port('FLANGE_PORT', 4000);
const demoPort = port('DEMO_PORT', 3000);
const simulatorsPort = port('SIMULATORS_PORT', 4100);
const dataDir = resolve(root, env.FLANGE_DATA_DIR ?? '.flange');
const flangeUrl = `http://localhost:${flangePort}`;
const demoUrl = `http://localhost:${demoPort}`;
const stackFile = resolve(env.FLANGE_STACK_FILE ?? join(dataDir, 'stack.json'));
// A file left by an earlier run would announce a stack that is not up yet.
rmSync(stackFile, { force: true });

const children = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  if (children.length > 0) print('Stopping…');
  await stopAll(children);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function watch(child, what) {
  children.push(child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${what} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest.`);
    void shutdown(1);
  });
  return child;
}

try {
  for (const app of ['hosted', 'demo']) {
    if (needsBuild(root, app)) {
      print(`Building apps/${app}…`);
      await buildApp(root, app, print);
    }
  }
  mkdirSync(dataDir, { recursive: true });

  const simulators = watch(
    startTs(root, {
      name: 'simulators',
      file: 'scripts/run-simulators.ts',
      env: { SIMULATORS_HOST: '127.0.0.1', SIMULATORS_PORT: String(simulatorsPort) },
      print,
    }),
    'The simulators',
  );
  const { systems, sandbox } = JSON.parse(
    await waitForAnnouncement(simulators, { timeoutMs: 60_000, what: 'The simulators' }),
  );

  const sandboxFile = join(dataDir, 'sandbox-hints.json');
  writeFileSync(sandboxFile, JSON.stringify(sandbox, null, 2));

  const server = watch(
    startTs(root, {
      name: 'flange',
      file: 'packages/server/src/main.ts',
      env: {
        PORT: String(flangePort),
        HOST: '127.0.0.1',
        FLANGE_PUBLIC_URL: flangeUrl,
        FLANGE_DATA_DIR: dataDir,
        // Only the loopback address is opted in (over plain http), for the simulators and the demo's
        // webhook receiver (http://127.0.0.1:<demo port>/webhooks/flange, the same SSRF rules apply to
        // webhook URLs); every other private address stays refused. Production leaves this empty.
        FLANGE_ALLOWED_NETWORKS: '127.0.0.1/32',
        FLANGE_ALLOW_HTTP: 'true',
        FLANGE_SANDBOX_FILE: sandboxFile,
        FLANGE_HOSTED_DIST: join(root, 'apps', 'hosted', 'dist'),
        // Request logs would drown the instructions; LOG_LEVEL=info brings them back.
        LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
      },
      print,
    }),
    'The Flange server',
  );
  await waitForHttp(`http://127.0.0.1:${flangePort}/healthz`, server, {
    timeoutMs: 90_000,
    what: 'The Flange server',
  });

  const demo = watch(
    startTs(root, {
      name: 'demo',
      file: 'apps/demo/server/main.ts',
      env: {
        DEMO_PORT: String(demoPort),
        FLANGE_URL: flangeUrl,
        FLANGE_DATA_DIR: dataDir,
        // A key given to the server is the demo's too; otherwise the demo reads the one the server wrote.
        FLANGE_SECRET_KEY: env.FLANGE_SECRET_KEY ?? env.FLANGE_DEMO_SECRET_KEY ?? '',
      },
      print,
    }),
    'The demo',
  );
  await waitForHttp(`http://127.0.0.1:${demoPort}/healthz`, demo, { timeoutMs: 60_000, what: 'The demo' });

  const stack = {
    flange_url: flangeUrl,
    connect_url: `${flangeUrl}/connect`,
    demo_url: demoUrl,
    systems,
    sandbox,
  };
  // Written last: its presence means everything answers (the e2e setup waits for it).
  mkdirSync(dirname(stackFile), { recursive: true });
  writeFileSync(stackFile, JSON.stringify(stack, null, 2));
  print(banner(stack, relative(process.cwd(), stackFile) || stackFile));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await shutdown(1);
}
