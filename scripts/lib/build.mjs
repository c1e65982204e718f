import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under `path` (a file or a folder), skipping node_modules and dist. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * Whether an app's dist/ is older than anything it is built from: its own sources and the workspace
 * packages its bundle includes.
 */
export function needsBuild(root, app) {
  const appDir = join(root, 'apps', app);
  const built = join(appDir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const inputs = [
    join(appDir, 'src'),
    join(appDir, 'public'),
    join(appDir, 'index.html'),
    join(appDir, 'vite.config.ts'),
    join(appDir, 'package.json'),
    ...['protocol', 'connect', 'react'].map((p) => join(root, 'packages', p, 'src')),
  ];
  return inputs.some((p) => newestMtime(p) > builtAt);
}

/** Run `vite build` for an app, with its output prefixed; rejects on a non-zero exit. */
export function buildApp(root, app, log) {
  return new Promise((resolve, reject) => {
    const vite = join(root, 'apps', app, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: join(root, 'apps', app),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const lines = [];
    const collect = (chunk) => lines.push(chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => {
      const out = lines.join('').trim();
      if (code === 0) {
        if (out !== '') log(out);
        resolve();
      } else {
        reject(new Error(`Building apps/${app} failed (exit ${code}):\n${out}`));
      }
    });
  });
}
