/**
 * Issue 4's budget: @flange/react + @flange/connect own code, without react, react-dom and react-query,
 * ≤ 35 KB gzip.
 *
 *   pnpm bench:widget-bundle
 *
 * "Own code" is read as first-party code: @flange/react, @flange/connect and the @flange/protocol code
 * they pull in. Third-party libraries stay external: react, react-dom (and subpaths), react-query with its
 * query-core, which the issue names, and zod (every subpath: zod/mini, zod/v4/core…), a third-party
 * library like react-query that the issue itself counts in the third-party floor of the hosted budget.
 * The verdict is measured, not attributed: the entry (the whole public API of both packages) is bundled
 * with all of those external, with Vite (rolldown + oxc) and esbuild, minified, and every chunk (lazy ones
 * included) is gzipped; the budget is checked on the larger. The same entry is bundled again with zod
 * inside, and that total (what a host ships of ours plus zod) is printed beside it, not judged.
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
/** The third-party exclusions; `zod` joins them for the first-party figure. */
const THIRD_PARTY = ['react', 'react-dom', '@tanstack/react-query', '@tanstack/query-core'];
const externalPattern = (names: readonly string[]): RegExp =>
  new RegExp(`^(${names.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?$`);

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
  external: RegExp,
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
        external: (id: string) => external.test(id),
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

async function withEsbuild(entry: string, outDir: string, external: readonly string[]): Promise<Chunk[]> {
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
    external: external.flatMap((n) => [n, `${n}/*`]),
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
    `≤ ${kb(BUDGET_BYTES)} gzip (level ${GZIP_LEVEL}), first-party code: react, react-dom, react-query and zod external`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'flange-bench-widget-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, entrySource());
    const esbuild = loadEsbuild();
    const firstParty = [...THIRD_PARTY, 'zod'];
    process.stdout.write('   First-party code (zod external too), the verdict:\n');
    const vite = await withVite(entry, join(dir, 'vite'), externalPattern(firstParty));
    const viteOwn = print('Vite (rolldown + oxc minify)', vite.chunks);
    const esbuildOwn = print(
      `esbuild ${esbuild.version}`,
      await withEsbuild(entry, join(dir, 'esbuild'), firstParty),
    );
    const packages = attribute(vite.modules, viteOwn);
    process.stdout.write('\n   Vite first-party bundle by package (≈, shares of the gzip size):\n');
    for (const p of packages) process.stdout.write(`   ${kb(p.gzip).padStart(10)}  ${p.name}\n`);

    process.stdout.write(
      '\n   With zod bundled (what a host ships of ours plus zod; printed, not judged):\n',
    );
    const viteAll = print(
      'Vite (rolldown + oxc minify)',
      (await withVite(entry, join(dir, 'vite-zod'), externalPattern(THIRD_PARTY))).chunks,
    );
    const esbuildAll = print(
      `esbuild ${esbuild.version}`,
      await withEsbuild(entry, join(dir, 'esbuild-zod'), THIRD_PARTY),
    );
    const own = Math.max(viteOwn, esbuildOwn);
    const all = Math.max(viteAll, esbuildAll);
    process.stdout.write(
      `\n   first-party ${kb(own)} gzip; with zod ${kb(all)} gzip (zod ≈ ${kb(all - own)}), larger bundler each\n\n`,
    );
    finish(
      'widget-bundle',
      [
        {
          name: 'first-party code, all chunks (gzip, larger of the two bundlers)',
          value: Math.round(own / 10) / 100,
          limit: BUDGET_BYTES / 1000,
          kind: 'max',
          unit: 'KB',
        },
      ],
      {
        vite_gzip_bytes: viteOwn,
        esbuild_gzip_bytes: esbuildOwn,
        with_zod: { vite_gzip_bytes: viteAll, esbuild_gzip_bytes: esbuildAll },
        packages,
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
