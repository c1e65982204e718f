/**
 * The baseline of the connection-status budget: a bare Express app with one "hello" route, on the same
 * Express the Flange server runs (resolved from packages/server), started the same way (node --import tsx).
 * Listens on 127.0.0.1:PORT and prints `@@ready` once it does.
 */
import { createRequire } from 'node:module';
import { repoPath } from '../lib/paths';

interface MiniResponse {
  json(body: unknown): void;
}
interface MiniApp {
  get(path: string, handler: (req: unknown, res: MiniResponse) => void): void;
  listen(port: number, host: string, ready: () => void): unknown;
}

const express = createRequire(repoPath('packages/server/package.json'))('express') as () => MiniApp;
const app = express();
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write('@@ready\n');
});
process.once('SIGTERM', () => process.exit(0));
