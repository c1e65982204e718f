import { defineProject } from 'vitest/config';

/** The demo's tests are its backend routes, in Node, against a real Flange server and simulators. */
export default defineProject({
  test: {
    name: '@flange/demo',
    environment: 'node',
    include: ['server/**/*.test.ts'],
  },
});
