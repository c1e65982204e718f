/**
 * The build and browser tools. Vite is loaded from apps/hosted and esbuild from tsx, so the bench measures with
 * the very versions the product is built with instead of adding copies that could drift.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type * as Vite from '../../apps/hosted/node_modules/vite/dist/node/index';
import { repoPath } from './paths';

export type { Vite };

/** The part of esbuild's API used here (its types are not reachable from bench/ without a dependency). */
export interface Esbuild {
  version: string;
  build(options: Record<string, unknown>): Promise<{
    outputFiles: Array<{ path: string; contents: Uint8Array }>;
    metafile: { outputs: Record<string, { entryPoint?: string; bytes: number }> };
  }>;
}

const from = (pkg: string) => createRequire(repoPath(pkg, 'package.json'));

/** Vite as apps/hosted builds with it (Vite 8: rolldown bundles, oxc minifies). */
export async function loadVite(): Promise<typeof Vite> {
  return (await import(pathToFileURL(from('apps/hosted').resolve('vite')).href)) as typeof Vite;
}

/** esbuild, the copy tsx runs on (the workspace has no direct dependency on it). */
export function loadEsbuild(): Esbuild {
  const tsx = createRequire(from('.').resolve('tsx/package.json'));
  return tsx('esbuild') as Esbuild;
}

/** The brief's Chromium: the system build, headless, nothing phoning home. */
const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};

/** Launch the system Chromium (playwright-core, the same version as the e2e suite's @playwright/test). */
export function launchChromium(): ReturnType<typeof chromium.launch> {
  return chromium.launch(CHROMIUM_LAUNCH);
}
