// Temporary: run specs against an already-running stack (deleted before hand-off).
import base from './playwright.config';
export default {
  ...base,
  globalSetup: undefined,
  reporter: [['list']],
  outputDir: '/tmp/flange-dev/pw-results',
};
