/**
 * Issue 4's budget: @flange/react + @flange/connect own code, without react, react-dom and react-query,
 * ≤ 35 KB gzip.
 *
 *   pnpm bench:widget-bundle
 *
 * Bundles an entry that re-exports the whole public API of both packages, the way a host's production build
 * would take them in: react, react-dom, react/jsx-runtime and react-query (with its query-core) stay
 * external; zod and @flange/protocol are bundled, since the widget needs them. Built twice, with Vite (the
 * project's bundler: rolldown + oxc) and esbuild, minified; the budget is checked on the larger. Everything
 * counts, lazy chunks (the German messages) included: it is all code of ours a host ships.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { attribute, type ChunkModules } from './lib/attribution';
import { gzipSize, GZIP_LEVEL } from './lib/gzip';
import { repoPath } from './lib/paths';
import { finish, header } from './lib/report';
import { kb } from './lib/stats';
import { loadEsbuild, loadVite, type Vite } from './lib/tools';

const BUDGET_BYTES = 35_000;
const EXTERNAL = /^(react|react-dom|@tanstack\/react-query|@tanstack\/query-core)(\/.*)?$/;

interface Chunk {
  file: string;
  bytes: number;
  gzip: number;
  /** The entry, a dynamically imported chunk, or code the bundler split out for both. */
  kind: 'entry' | 'lazy' | 'shared';
}

function entrySource(): string {
  return [
    `export * from ${JSON.stringify(repoPath('packages/react/src/index.ts'))};`,
    `export * from ${JSON.stringify(repoPath('packages/connect/src/index.ts'))};`,
    '',
  ].join('\n');
}

const measure = (file: string, code: Uint8Array | string, kind: Chunk['kind']): Chunk => ({
  file,
  bytes: typeof code === 'string' ? Buffer.byteLength(code) : code.length,
  gzip: gzipSize(code),
  kind,
});

async function withVite(
  entry: string,
  outDir: string,
): Promise<{ chunks: Chunk[]; modules: ChunkModules[] }> {
  const vite = await loadVite();
  const pluginPath = createRequire(repoPath('apps/hosted/package.json')).resolve('@vitejs/plugin-react');
  const react = ((await import(pathToFileURL(pluginPath).href)) as { default: () => Vite.PluginOption })
    .default;
  const result = await vite.build({
    configFile: false,
    root: repoPath('apps/hosted'),
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    build: {
      write: false,
      outDir,
      minify: true,
      modulePreload: false,
      rollupOptions: {
        input: entry,
        external: (id: string) => EXTERNAL.test(id),
        // An app build drops an entry's exports; a library's public API must survive tree-shaking.
        preserveEntrySignatures: 'strict',
      },
    },
  });
  const chunks = (Array.isArray(result) ? result : [result])
    .flatMap((r) => ('output' in r ? r.output : []))
    .flatMap((o) => (o.type === 'chunk' ? [o] : []));
  return {
    chunks: chunks.map((o) =>
      measure(o.fileName, o.code, o.isEntry ? 'entry' : o.isDynamicEntry ? 'lazy' : 'shared'),
    ),
    modules: chunks.map((o) => o.modules as ChunkModules),
  };
}

async function withEsbuild(entry: string, outDir: string): Promise<Chunk[]> {
  const esbuild = loadEsbuild();
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    outdir: outDir,
    jsx: 'automatic',
    external: [
      'react',
      'react/*',
      'react-dom',
      'react-dom/*',
      '@tanstack/react-query',
      '@tanstack/query-core',
    ],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return result.outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .map((f) => {
      // The metafile names files relative to the working directory; a lazy chunk is an entry point of its own.
      const meta = result.metafile.outputs[relative(process.cwd(), f.path)];
      const kind =
        meta?.entryPoint === undefined
          ? 'shared'
          : meta.entryPoint === relative(process.cwd(), entry)
            ? 'entry'
            : 'lazy';
      return measure(relative(outDir, f.path), f.contents, kind);
    });
}

function print(tool: string, chunks: Chunk[]): number {
  const total = chunks.reduce((n, c) => n + c.gzip, 0);
  const lazy = chunks.filter((c) => c.kind === 'lazy').reduce((n, c) => n + c.gzip, 0);
  process.stdout.write(`   ${tool}: ${kb(total)} gzip in all (lazy chunks ${kb(lazy)} of it)\n`);
  for (const c of chunks.sort((a, b) => b.gzip - a.gzip)) {
    process.stdout.write(
      `     ${c.file.padEnd(30)} ${kb(c.bytes).padStart(10)} raw ${kb(c.gzip).padStart(10)} gzip  (${c.kind})\n`,
    );
  }
  return total;
}

async function main(): Promise<void> {
  header(
    '@flange/react + @flange/connect own code (issue 4)',
    `≤ ${kb(BUDGET_BYTES)} gzip (level ${GZIP_LEVEL}), react, react-dom and react-query external, zod and @flange/protocol included`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'flange-bench-widget-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, entrySource());
    const vite = await withVite(entry, join(dir, 'vite'));
    const viteTotal = print('Vite (rolldown + oxc minify)', vite.chunks);
    const packages = attribute(vite.modules, viteTotal);
    const esbuild = loadEsbuild();
    const esbuildTotal = print(`esbuild ${esbuild.version}`, await withEsbuild(entry, join(dir, 'esbuild')));
    const worst = Math.max(viteTotal, esbuildTotal);
    process.stdout.write('\n   Vite bundle by package (≈, shares of the gzip size):\n');
    for (const p of packages) process.stdout.write(`   ${kb(p.gzip).padStart(10)}  ${p.name}\n`);
    process.stdout.write('\n');
    finish(
      'widget-bundle',
      [
        {
          name: 'own code, all chunks (gzip, larger of the two bundlers)',
          value: Math.round(worst / 10) / 100,
          limit: BUDGET_BYTES / 1000,
          kind: 'max',
          unit: 'KB',
        },
      ],
      { vite_gzip_bytes: viteTotal, esbuild_gzip_bytes: esbuildTotal, packages },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
