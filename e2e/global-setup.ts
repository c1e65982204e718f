import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The simulators take consecutive ports from a base, one per product (27 today); room to grow.
const SIMULATOR_PORTS = 64;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => done(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr !== null ? done(addr.port) : fail(new Error('no port')),
      );
    });
  });
}

/** A run of free consecutive ports for the simulators, away from the ephemeral range. */
async function freeRange(size: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const checks = await Promise.all(Array.from({ length: size }, (_, i) => portIsFree(base + i)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error('No free port range for the simulators.');
}

/**
 * Starts the whole stack the way a newcomer does (`node scripts/start.mjs`), on free ports and a fresh
 * data folder, and hands its URLs to the tests through the environment. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // While iterating: reuse a stack already running (`FLANGE_STACK_FILE=/tmp/stack.json pnpm start`).
  const reuse = process.env.E2E_REUSE_STACK;
  if (reuse) {
    process.env.E2E_STACK = readFileSync(reuse, 'utf8');
    return async () => undefined;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'flange-e2e-'));
  const stackFile = join(dataDir, 'stack.json');
  const env = {
    ...process.env,
    FLANGE_PORT: String(await freePort()),
    DEMO_PORT: String(await freePort()),
    SIMULATORS_PORT: String(await freeRange(SIMULATOR_PORTS)),
    FLANGE_DATA_DIR: dataDir,
    FLANGE_STACK_FILE: stackFile,
  };
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString());
    if (process.env.E2E_STACK_LOG) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  await waitForStack(child, stackFile, output);
  process.env.E2E_STACK = readFileSync(stackFile, 'utf8');
  // Journeys that create their own sessions read the demo secret key the server wrote there.
  process.env.E2E_FLANGE_DATA_DIR = dataDir;

  return async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

async function waitForStack(child: ChildProcess, stackFile: string, output: string[]): Promise<void> {
  // Building both apps on a cold 2-core machine is the slow part.
  const deadline = Date.now() + 5 * 60_000;
  while (!existsSync(stackFile)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`scripts/start.mjs exited before the stack was up:\n${output.join('')}`);
    }
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`The stack did not come up within 5 minutes:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
