import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A child process running TypeScript through tsx's loader (`node --import tsx file.ts`), its output
 * printed with its name in front. Lines starting with `@@` are announcements for this script (emitted
 * as 'announce' on the child), not printed.
 */
export function startTs(root, { name, file, env, print }) {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pipe = (stream) => {
    const rl = createInterface({ input: stream });
    rl.on('line', (line) => {
      if (line.startsWith('@@')) child.emit('announce', line.slice(2));
      else print(`[${name}] ${line}`);
    });
  };
  pipe(child.stdout);
  pipe(child.stderr);
  return child;
}

/** Resolves with the child's first announcement; rejects if the child exits first or on timeout. */
export function waitForAnnouncement(child, { timeoutMs, what }) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`${what} did not start within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
    const onExit = (code) => done(new Error(`${what} exited (code ${code}) before it was ready.`));
    const onAnnounce = (text) => done(null, text);
    function done(err, value) {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('announce', onAnnounce);
      if (err) reject(err);
      else resolve(value);
    }
    child.once('announce', onAnnounce);
    child.once('exit', onExit);
  });
}

/** Polls `url` until it answers 2xx; rejects if `child` exits first or on timeout. */
export async function waitForHttp(url, child, { timeoutMs, what }) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  const onExit = (code) => {
    exited = code ?? 'signal';
  };
  child.once('exit', onExit);
  try {
    while (Date.now() < deadline) {
      if (exited !== null) throw new Error(`${what} exited (code ${exited}) before it was ready.`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s.`);
  } finally {
    child.off('exit', onExit);
  }
}

/** SIGTERM every child still running, SIGKILL what is left after `graceMs`, resolve when all are gone. */
export async function stopAll(children, graceMs = 5000) {
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
