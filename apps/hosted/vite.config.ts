import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './vite-precompress.ts';

/** The server replaces this placeholder with a fresh nonce per response (see README of apps/hosted). */
export const CSP_NONCE_PLACEHOLDER = '__FLANGE_CSP_NONCE__';

export default defineConfig({
  base: '/connect/',
  // precompress: .br/.gz beside each asset, sent by the server with Content-Encoding.
  plugins: [react(), precompress()],
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One small entry: the page is loaded inside an iframe where every round trip shows.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
