import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/ lives directly under it). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return resolve(ROOT, ...parts);
}
