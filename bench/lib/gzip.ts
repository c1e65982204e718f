import { gzipSync } from 'node:zlib';

/**
 * Level 9, what a build step precompresses with; on-the-fly compression at the default level 6 is a few
 * tenths of a percent larger on these files.
 */
export const GZIP_LEVEL = 9;

/** Size in bytes of `data` gzipped at GZIP_LEVEL. */
export function gzipSize(data: string | Uint8Array): number {
  return gzipSync(data, { level: GZIP_LEVEL }).length;
}
