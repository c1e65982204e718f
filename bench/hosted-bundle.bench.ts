/**
 * Issue 4's budget: the hosted flow's initial load ≤ 110 KB gzip of JS + CSS, React included.
 *
 *   pnpm bench:hosted-bundle
 *
 * Builds apps/hosted with its own Vite config into a scratch folder, reads the built index.html, and adds
 * up what it makes the browser fetch before the flow can render: module scripts, stylesheets,
 * modulepreloads, and anything those scripts import statically. Lazy chunks (dynamic imports: the German
 * messages…) are listed beside it, not counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHosted, type Asset } from './lib/hosted-build';
import { GZIP_LEVEL } from './lib/gzip';
import { finish, header } from './lib/report';
import { kb } from './lib/stats';

const BUDGET_BYTES = 110_000;

const row = (a: Asset) =>
  `   ${a.file.padEnd(34)} ${kb(a.bytes).padStart(11)} raw ${kb(a.gzip).padStart(10)} gzip   ${a.via}`;

async function main(): Promise<void> {
  header(
    'Hosted flow initial load (issue 4)',
    `≤ ${kb(BUDGET_BYTES)} gzip (level ${GZIP_LEVEL}) of the JS + CSS index.html loads initially, React included`,
  );
  const outDir = mkdtempSync(join(tmpdir(), 'flange-bench-hosted-'));
  try {
    const started = performance.now();
    const build = await buildHosted(outDir);
    process.stdout.write(
      `   built apps/hosted in ${((performance.now() - started) / 1000).toFixed(1)} s\n\n   initial:\n`,
    );
    for (const a of build.initial) process.stdout.write(`${row(a)}\n`);
    const total = build.initial.reduce((n, a) => n + a.gzip, 0);
    const js = build.initial.filter((a) => a.file.endsWith('.js')).reduce((n, a) => n + a.gzip, 0);
    const css = build.initial.filter((a) => a.file.endsWith('.css')).reduce((n, a) => n + a.gzip, 0);
    process.stdout.write(
      `   total initial: ${kb(total)} gzip (JS ${kb(js)}, CSS ${kb(css)})\n\n   lazy (not counted):\n`,
    );
    for (const a of build.lazy) process.stdout.write(`${row(a)}\n`);
    if (build.lazy.length === 0) process.stdout.write('   (none)\n');
    process.stdout.write('\n   initial JS by package (≈, shares of the gzip size):\n');
    for (const p of build.packages) process.stdout.write(`   ${kb(p.gzip).padStart(10)}  ${p.name}\n`);
    process.stdout.write('\n');
    finish(
      'hosted-bundle',
      [
        {
          name: 'initial JS + CSS (gzip)',
          value: Math.round(total / 10) / 100,
          limit: BUDGET_BYTES / 1000,
          kind: 'max',
          unit: 'KB',
        },
      ],
      {
        initial_gzip_bytes: total,
        initial_js_gzip_bytes: js,
        initial_css_gzip_bytes: css,
        lazy: build.lazy.map((a) => ({ file: a.file, gzip_bytes: a.gzip })),
        packages: build.packages,
      },
    );
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
