import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { ROOT } from './paths';

/** A free loopback port (closed again before it is returned). */
export function freePort(): Promise<number> {
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

const running = new Set<ChildProcess>();
let handlersInstalled = false;

/**
 * A bench that stops early (a signal, a crash, a closed pipe) takes its servers with it instead of leaving
 * them listening. `exit` covers crashes: kill() is synchronous, the children then shut down on their own.
 */
function stopChildrenOnSignal(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

/** A running child and the last lines it printed (for the error message when it dies). */
export interface Child {
  process: ChildProcess;
  /** Resolves with the first stdout line that starts with `@@`, minus the marker. */
  announcement: Promise<string>;
  tail(): string;
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs a TypeScript file the way scripts/start.mjs does (`node --import tsx file`), from the repository root.
 * Output is kept (the last 60 lines) rather than printed; `quiet` drops stdout entirely (request logs).
 */
export function startTs(
  file: string,
  env: Record<string, string>,
  opts: { quiet?: boolean; nodeArgs?: string[] } = {},
): Child {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', file], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', opts.quiet ? 'ignore' : 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  stopChildrenOnSignal();
  const lines: string[] = [];
  let announce: (text: string) => void = () => {};
  let fail: (e: Error) => void = () => {};
  const announcement = new Promise<string>((resolve, reject) => {
    announce = resolve;
    fail = reject;
  });
  const keep = (stream: NodeJS.ReadableStream | null) => {
    if (!stream) return;
    createInterface({ input: stream }).on('line', (line) => {
      if (line.startsWith('@@')) announce(line.slice(2));
      lines.push(line);
      if (lines.length > 60) lines.shift();
    });
  };
  keep(child.stdout);
  keep(child.stderr);
  child.once('exit', (code, signal) =>
    fail(new Error(`${file} exited (${signal ?? code}):\n${lines.join('\n')}`)),
  );
  announcement.catch(() => {});
  return {
    process: child,
    announcement,
    tail: () => lines.join('\n'),
    stop: (graceMs?: number) => stopChild(child, graceMs),
  };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Polls `url` until it answers 2xx; throws with the child's output if it exits first or time runs out. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`The process for ${url} exited before it answered:\n${child.tail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${child.tail()}`);
}
