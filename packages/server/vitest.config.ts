import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // PGlite boots and real servers on port 0 take a while on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
