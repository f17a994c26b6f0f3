import reactHooks from 'eslint-plugin-react-hooks';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import starhold from './eslint/plugin.mjs';

// ---- Dependencies (issue 13): one-way layers and no import cycle, type imports counted. ----
// common ← server core ← modules/<domain> ← composition root. See docs/architecture.md, "Dependencies".
const SERVER_ROOT = [
  'server/src/main.ts',
  'server/src/server.ts',
  'server/src/plugins.ts',
  'server/src/services.ts',
  'server/src/create-services.ts',
  'server/src/handlers.ts',
  'server/src/http/**',
  'server/src/realtime/**',
  'server/src/cli/**',
  'server/src/observability/**',
  'server/src/retention/**',
  'server/src/bench/**',
];
/** The HTTP adapters of the core and of each module: they may use the `http/` kit and `Services`. */
const HTTP_ADAPTERS = ['server/src/commands/routes.ts', 'server/src/modules/*/routes.ts'];
const SERVER_CORE = [
  'server/src/core/**',
  'server/src/commands/**',
  'server/src/game/**',
  'server/src/modules/stream/**',
  'server/src/db/**',
  'server/src/util/**',
  'server/src/clock.ts',
  'server/src/config.ts',
  'server/src/logger.ts',
];
const LAYERS = [
  { name: 'common', files: ['common/src/**'], disallow: ['server/**', 'desktop/**'] },
  { name: 'the server', files: ['server/src/**'], disallow: ['desktop/**'] },
  { name: 'the desktop', files: ['desktop/src/**'], disallow: ['server/**'] },
  {
    name: 'the server core',
    files: SERVER_CORE,
    except: HTTP_ADAPTERS,
    disallow: [...SERVER_ROOT, 'server/src/modules/**'],
    // The stream is core (its files predate the move); the ORM's entity list (db/entities.ts) names every entity.
    allow: ['server/src/modules/stream/**', 'server/src/modules/**/*.entity.ts'],
  },
  { name: 'a domain module', files: ['server/src/modules/**'], except: HTTP_ADAPTERS, disallow: [...SERVER_ROOT, ...HTTP_ADAPTERS] },
  {
    name: 'an HTTP adapter',
    files: HTTP_ADAPTERS,
    disallow: [
      'server/src/main.ts',
      'server/src/server.ts',
      'server/src/plugins.ts',
      'server/src/create-services.ts',
      'server/src/handlers.ts',
      'server/src/http/app.ts',
      'server/src/cli/**',
      'server/src/bench/**',
    ],
  },
];
const dependencies = {
  files: ['**/*.{ts,tsx,mts}'],
  plugins: { starhold },
  rules: {
    'starhold/no-import-cycle': 'error',
    'starhold/layers': ['error', LAYERS],
  },
};
// ---- end of the dependencies block ----

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.ci/**', 'coverage/**', 'bench-results/**', 'desktop/release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // ---- Developer loop (issue 13): type-aware promise rules and the React hooks rules. ----
  // Type information comes from the TypeScript project service: each file's nearest tsconfig.json,
  // or, for tests and the desktop main/preload, the root tsconfig.json's references.
  {
    files: ['common/**/*.ts', 'server/**/*.ts', 'desktop/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['desktop/src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // ---- end of the developer-loop block ----
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/bench/**/*.ts', '**/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['desktop/src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['desktop/src/renderer/public/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['desktop/scripts/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  dependencies,
);
