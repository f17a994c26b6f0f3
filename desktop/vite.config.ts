import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The renderer: one bundle for Electron (loaded from file://) and for browsers (served by the
 * server at /), hence the relative `base`. `@starhold/common` is bundled from its sources, so
 * nothing needs prebuilding; every library is bundled here and none ships in node_modules.
 */
export default defineConfig({
  root: here('./src/renderer'),
  base: './',
  plugins: [react()],
  resolve: { alias: { '@starhold/common': here('../common/src/index.ts') } },
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/socket.io': { target: 'http://127.0.0.1:3000', ws: true } } },
});
