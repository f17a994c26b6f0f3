import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

const ENTRIES = { main: './src/main/main.ts', preload: './src/preload/preload.ts' } as const;

/**
 * Electron main and preload as CommonJS bundles (`.cjs`, since the package is `type: module`),
 * one build each (`--mode main`, `--mode preload`): the preload runs sandboxed, where `require`
 * only knows `electron`, so it must be a single file with no shared chunk.
 */
export default defineConfig(({ mode }) => {
  const name = mode === 'preload' ? 'preload' : 'main';
  return {
    build: {
      outDir: here('./dist/electron'),
      emptyOutDir: name === 'main', // main builds first and clears the folder
      target: 'node22',
      minify: false,
      sourcemap: true,
      lib: { entry: here(ENTRIES[name]), formats: ['cjs'], fileName: () => `${name}.cjs` },
      rollupOptions: { external: ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)] },
    },
  };
});
