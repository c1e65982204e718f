import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const dir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * The same suite on React 18.3 (the react-18 / react-dom-18 npm aliases). src/test/react18-setup.ts
 * points every `react` and `react-dom` import and require at them, including those inside the
 * libraries that import React themselves (react-dom, testing-library, react-query), so no module can
 * reach React 19. Run: pnpm --filter @flange/react test:react18
 */
export default defineConfig({
  // Our sources and tests go through Vite: its resolver takes the aliases.
  resolve: {
    alias: [
      { find: /^react(\/.*)?$/, replacement: `${dir('react-18')}$1` },
      { find: /^react-dom(\/.*)?$/, replacement: `${dir('react-dom-18')}$1` },
    ],
  },
  test: {
    name: 'react-18',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/react18-setup.ts'],
    environment: 'happy-dom',
    restoreMocks: true,
    testTimeout: 30_000,
    onConsoleLog: (log) => !log.includes('Iframe page loading is disabled'),
    env: { FLANGE_REACT: '18' },
  },
});
