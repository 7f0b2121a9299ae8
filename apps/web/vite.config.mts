// The browser part of the web app (client/): built into dist/apps/web/public, which the server serves.
// `vitest run --config apps/web/vite.config.mts` runs the component tests (client/**/*.test.tsx) in jsdom.
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

export default defineConfig({
  root: path.join(here, 'client'),
  plugins: [react()],
  resolve: {
    alias: { '@platform/contracts': path.join(root, 'libs/contracts/src/index.ts') },
  },
  build: {
    outDir: path.join(root, 'dist/apps/web/public'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  // `nx run web:serve` serves the API; `vite` on its own (5173) forwards the API paths to it
  server: { proxy: { '^/(api|web-api|\\.well-known)/.*': 'http://127.0.0.1:3000' } },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: [path.join(here, 'client/src/test-setup.ts')],
  },
});
