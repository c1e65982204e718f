import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the Acme Reliability page into dist/, which the demo backend serves. */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { port: 3001, proxy: { '/api': 'http://localhost:3000' } },
});
