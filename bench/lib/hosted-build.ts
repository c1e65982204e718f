/**
 * Builds apps/hosted with its own Vite config into a scratch folder (apps/hosted/dist, which the running
 * servers use, is left alone) and works out what its index.html makes the browser load first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attribute, type ChunkModules } from './attribution';
import { gzipSize } from './gzip';
import { repoPath } from './paths';
import { loadVite } from './tools';

export interface Asset {
  /** Path under the build folder, e.g. assets/index-abc.js. */
  file: string;
  bytes: number;
  gzip: number;
  /** Why it loads: the html's module script, stylesheet or modulepreload, a static import, or lazily. */
  via: string;
}

export interface HostedBuild {
  outDir: string;
  initial: Asset[];
  lazy: Asset[];
  /** Approximate gzip bytes of the initial JS per package (shares of the bundle, see attribute()). */
  packages: Array<{ name: string; gzip: number }>;
}

interface ChunkInfo {
  type: 'chunk' | 'asset';
  fileName: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
  modules?: ChunkModules;
  viteMetadata?: { importedCss: Set<string> };
}

/** The files index.html names: module scripts, stylesheets and modulepreloads (base path stripped). */
export function htmlReferences(html: string, base: string): Array<{ file: string; via: string }> {
  const refs: Array<{ file: string; via: string }> = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];
    const url = tag.toLowerCase().startsWith('<script') ? attr('src') : attr('href');
    if (!url || /^(https?:)?\/\//.test(url)) continue;
    const rel = attr('rel')?.toLowerCase();
    const via = tag.toLowerCase().startsWith('<script')
      ? 'html <script src>'
      : rel === 'stylesheet'
        ? 'html <link rel=stylesheet>'
        : rel === 'modulepreload'
          ? 'html <link rel=modulepreload>'
          : null;
    if (via === null) continue;
    refs.push({ file: url.startsWith(base) ? url.slice(base.length) : url.replace(/^\//, ''), via });
  }
  return refs;
}

/** Build the hosted flow into `outDir` and list its initial and lazy assets with their gzip sizes. */
export async function buildHosted(outDir: string): Promise<HostedBuild> {
  const vite = await loadVite();
  const root = repoPath('apps/hosted');
  const result = await vite.build({
    root,
    configFile: join(root, 'vite.config.ts'),
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) =>
    'output' in r ? (r.output as unknown as ChunkInfo[]) : [],
  );
  const byFile = new Map(outputs.map((o) => [o.fileName, o]));
  const config = await vite.resolveConfig(
    { root, configFile: join(root, 'vite.config.ts') },
    'build',
    'production',
  );
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');

  const reasons = new Map<string, string>();
  const visit = (file: string, via: string) => {
    if (reasons.has(file)) return;
    reasons.set(file, via);
    const chunk = byFile.get(file);
    for (const css of chunk?.viteMetadata?.importedCss ?? []) visit(css, `css of ${file}`);
    for (const dep of chunk?.imports ?? []) visit(dep, `static import of ${file}`);
  };
  for (const ref of htmlReferences(html, config.base)) visit(ref.file, ref.via);

  const asset = (file: string, via: string): Asset => {
    const data = readFileSync(join(outDir, file));
    return { file, bytes: data.length, gzip: gzipSize(data), via };
  };
  const initial = [...reasons].map(([file, via]) => asset(file, via));
  const lazy = outputs
    .filter((o) => !reasons.has(o.fileName) && /\.(js|css)$/.test(o.fileName))
    .map((o) => asset(o.fileName, 'dynamic import (lazy)'));
  const initialJs = initial.filter((a) => a.file.endsWith('.js'));
  const packages = attribute(
    initialJs.map((a) => byFile.get(a.file)?.modules ?? {}),
    initialJs.reduce((n, a) => n + a.gzip, 0),
  );
  return { outDir, initial, lazy, packages };
}
