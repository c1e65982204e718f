import { test as base, expect } from '@playwright/test';
import { LeakWatch } from './leak-watch';

/** What global-setup.ts started, as scripts/start.mjs described it. */
export interface Stack {
  flange_url: string;
  connect_url: string;
  demo_url: string;
  systems: Record<string, { url: string }>;
  sandbox: Record<
    string,
    {
      note: string;
      instance_url: string;
      credentials: Record<string, Record<string, string>>;
      scenarios?: { label: string; values: Record<string, string> }[];
    }
  >;
}

/** The marker of a connection token. No byte the browser receives or posts may contain it. */
export const CONNECTION_TOKEN_MARK = 'flc_';

export const test = base.extend<{ stack: Stack; leakWatch: LeakWatch }>({
  // Playwright reads fixture dependencies from the destructuring pattern; these have none.
  // oxlint-disable-next-line no-empty-pattern
  stack: async ({}, use) => {
    const raw = process.env.E2E_STACK;
    if (!raw)
      throw new Error(
        'E2E_STACK is not set: run through playwright.config.ts (global-setup starts the stack).',
      );
    await use(JSON.parse(raw) as Stack);
  },
  // oxlint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const raw = process.env.E2E_STACK;
    await use(raw ? (JSON.parse(raw) as Stack).demo_url : undefined);
  },
  // Every journey is watched; a token anywhere fails the test that let it through.
  leakWatch: [
    async ({ context }, use) => {
      const watch = new LeakWatch(CONNECTION_TOKEN_MARK);
      await watch.attach(context);
      await use(watch);
      for (const page of context.pages()) {
        for (const frame of page.frames()) {
          const url = frame.url();
          const stored = await frame
            .evaluate(() => {
              const dump = (s: Storage): string => JSON.stringify(Object.entries(s));
              return `${location.href} ${dump(localStorage)} ${dump(sessionStorage)} ${document.cookie} ${document.documentElement.outerHTML}`;
            })
            .catch(() => '');
          watch.check(`DOM, storage, cookies or URL of ${url}`, stored);
        }
      }
      await watch.settle();
      expect(watch.leaks, 'a connection token reached the browser').toEqual([]);
      expect(watch.unread, 'responses the watch could not read').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, LeakWatch };
