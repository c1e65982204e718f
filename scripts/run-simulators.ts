/**
 * Runs the product simulators for `pnpm start` and the e2e suite, on SIMULATORS_HOST (127.0.0.1) from
 * SIMULATORS_PORT (4100) upwards. Announces `@@{ systems, sandbox }` on stdout once every simulator listens.
 */
import { sandboxHints, startSimulators } from '@flange/simulators';

const host = process.env.SIMULATORS_HOST ?? '127.0.0.1';
const basePort = Number(process.env.SIMULATORS_PORT ?? 4100);

const sims = await startSimulators({ host, basePort });
const sandbox: Record<string, unknown> = {};
for (const [systemId, { url }] of Object.entries(sims.systems)) {
  const hints = sandboxHints(systemId, url);
  if (hints !== undefined) sandbox[systemId] = hints;
}
process.stdout.write(`@@${JSON.stringify({ systems: sims.systems, sandbox })}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sims.close().finally(() => process.exit(0));
  });
}
