/** Which package the bytes of a bundle come from. */
import { gzipSize } from './gzip';

/** A bundler's per-module record of a chunk (rollup / rolldown RenderedModule, the part used here). */
export type ChunkModules = Record<string, { code: string | null; renderedLength: number }>;

/** Which package a module belongs to, for the size breakdown. */
export function packageOf(id: string): string {
  const inModules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(id);
  if (inModules?.[1]) return inModules[1];
  const ours = /\/(packages|apps)\/([^/]+)\//.exec(id);
  if (ours?.[1] && ours[2]) return ours[1] === 'packages' ? `@flange/${ours[2]}` : `apps/${ours[2]}`;
  return id.startsWith('\0') || id.includes('vite/') ? 'vite runtime helpers' : 'other';
}

/**
 * Splits a chunk's gzip size across packages in proportion to each package's code compressed on its own,
 * before minification: a rough share (minification and cross-module compression shift it a little).
 */
export function attribute(chunks: ChunkModules[], gzipTotal: number): Array<{ name: string; gzip: number }> {
  const code = new Map<string, string[]>();
  for (const modules of chunks) {
    for (const [id, m] of Object.entries(modules)) {
      if (!m.code) continue;
      const name = packageOf(id);
      code.set(name, [...(code.get(name) ?? []), m.code]);
    }
  }
  const alone = [...code].map(([name, parts]) => ({ name, size: gzipSize(parts.join('\n')) }));
  const sum = alone.reduce((n, p) => n + p.size, 0);
  return alone
    .map((p) => ({ name: p.name, gzip: Math.round((p.size / sum) * gzipTotal) }))
    .sort((a, b) => b.gzip - a.gzip);
}
