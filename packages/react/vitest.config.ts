import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'react',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    restoreMocks: true,
    // Whole journeys typed key by key through user-event: slow on a shared 2-core machine, not stuck.
    testTimeout: 30_000,
    // happy-dom reports every iframe it is told not to load; the hook tests never need the page.
    onConsoleLog: (log) => !log.includes('Iframe page loading is disabled'),
  },
});
