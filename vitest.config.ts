import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * One `vitest run` for the whole workspace: every package under packages/ and apps/ is a project. A
 * package with its own vitest.config.ts keeps its settings (packages/react runs in happy-dom); the
 * others run in Node with the defaults below.
 */
function workspaceProjects(): (string | TestProjectInlineConfiguration)[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(group, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(group, d.name, 'package.json')))
      .map((d) => {
        const dir = join(group, d.name);
        if (existsSync(join(dir, 'vitest.config.ts'))) return join(dir, 'vitest.config.ts');
        const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
        return { extends: true, test: { name, root: dir, environment: 'node' } };
      }),
  );
}

export default defineConfig({
  test: {
    projects: workspaceProjects(),
    // Two cores, shared with the servers the integration suites start: two workers at most.
    maxWorkers: 2,
    // PGlite boots and real servers on port 0 take a while on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    passWithNoTests: true,
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
      : ['default'],
  },
});
