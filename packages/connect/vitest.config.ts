import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'connect',
    include: ['src/**/*.test.ts'],
    // DOM tests declare `@vitest-environment happy-dom`; the API tests run on Node against real servers.
    environment: 'node',
    restoreMocks: true,
    // happy-dom reports every iframe it is told not to load; the launcher tests never need the page.
    onConsoleLog: (log) => !log.includes('Iframe page loading is disabled'),
  },
});
