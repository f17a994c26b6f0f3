// The Docker deployment files, checked without a Docker engine: docker-compose.yml parses and
// satisfies the Compose schema subset (support/compose-schema.ts) plus what the install relies on;
// with the values of .env.example its server environment is a valid Starhold configuration; the
// Dockerfile is a multi-stage build whose runtime runs as non-root with a health check and ships
// the web client; .dockerignore keeps secrets and builds out of the context.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { envSchema, loadConfig } from '../../src/config.js';
import { composeSchema } from '../support/compose-schema.js';
import { copyParts, dockerIgnored, envEntries, parseDockerfile, stagesOf, type Stage } from '../support/dockerfile.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML documents are asserted field by field

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string): string => readFileSync(resolve(root, file), 'utf8');

/** `KEY=value` lines of an env file (comments and blanks skipped). */
function envFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m?.[1]) out[m[1]] = m[2]!.trim();
  }
  return out;
}

/** Compose variable interpolation: ${V}, ${V:-default}, ${V-default}, ${V:?error}, ${V?error}. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (_m, name: string, colon: string, op: string | undefined, arg: string) => {
      const v = vars[name];
      const unset = v === undefined || (colon === ':' && v === '');
      if (!unset) return v;
      if (op === '-') return arg;
      if (op === '?') throw new Error(`required variable ${name}: ${arg}`);
      return '';
    },
  );
}

/** Every string of a parsed YAML document interpolated. */
function interpolateAll(v: unknown, vars: Record<string, string>): unknown {
  if (typeof v === 'string') return interpolate(v, vars);
  if (Array.isArray(v)) return v.map((x) => interpolateAll(x, vars));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, interpolateAll(x, vars)]));
  return v;
}

const variablesIn = (text: string): string[] => [...new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))];

describe('docker-compose.yml', () => {
  const text = read('docker-compose.yml');
  const compose = parseYaml(text) as Json;
  const example = envFile(read('.env.example'));

  it('parses and, interpolated with .env.example like Compose does, satisfies the Compose schema', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, strictTuples: false }).compile(composeSchema);
    const ok = validate(interpolateAll(compose, example));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs PostgreSQL with a named volume and a health check, and the server after it is healthy', () => {
    const { db, server } = compose.services;
    expect(db.image).toMatch(/^postgres:18/);
    expect(db.volumes).toContain('pgdata:/var/lib/postgresql');
    expect(db.healthcheck.test.join(' ')).toMatch(/pg_isready/);
    expect(db.ports).toBeUndefined(); // the database is not published on the host
    expect(server.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(server.restart).toBe('unless-stopped');
    expect(server.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(server.healthcheck.test.join(' ')).toContain('/api/v1/health');
    expect(server.volumes).toContain('serverdata:/data');
    expect(server.environment.DATABASE_URL).toMatch(/@db:5432\/starhold$/);
    // Every named volume used is declared.
    const used = Object.values(compose.services as Json)
      .flatMap((s: Json) => (s.volumes ?? []) as string[])
      .map((v) => v.split(':')[0]!);
    expect(used.filter((v) => !v.startsWith('.') && !v.startsWith('/') && !(v in compose.volumes))).toEqual([]);
  });

  it('keeps Redis optional, behind the "redis" profile', () => {
    expect(compose.services.redis.profiles).toEqual(['redis']);
    for (const [name, s] of Object.entries(compose.services as Json)) if (name !== 'redis') expect(s.profiles).toBeUndefined();
  });

  it('documents every variable it reads in .env.example', () => {
    expect(
      variablesIn(text)
        .filter((v) => !(v in example))
        .sort(),
    ).toEqual([]);
  });

  it('gives the server a valid configuration with the .env.example values, and names only known settings', () => {
    const env = Object.fromEntries(
      Object.entries(compose.services.server.environment as Json).map(([k, v]) => [k, interpolate(String(v ?? ''), example)]),
    );
    const known = new Set([...Object.keys(envSchema.shape), 'STARHOLD_TRUST_PROXY', 'STARHOLD_WEB_DIR']);
    expect(Object.keys(env).filter((k) => !known.has(k))).toEqual([]);
    const config = loadConfig({ ...env, STARHOLD_DATA_DIR: '/data' });
    expect(config.databaseUrl).toBe(`postgres://starhold:${example.POSTGRES_PASSWORD}@db:5432/starhold`);
    expect(config.jwtSecret).toBe(example.STARHOLD_JWT_SECRET);
    expect(config.corsOrigins).toEqual([]);
    expect(() => interpolate(String(compose.services.server.environment.STARHOLD_JWT_SECRET), {})).toThrow(/required variable STARHOLD_JWT_SECRET/);
  });
});

describe('Dockerfile and .dockerignore', () => {
  const { globalArgs, stages } = stagesOf(parseDockerfile(read('Dockerfile')));
  const byName = (name: string): Stage => {
    const s = stages.find((x) => x.name === name);
    if (!s) throw new Error(`no stage ${name}`);
    return s;
  };
  const runtime = stages[stages.length - 1]!;
  const args = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
  const ignore = read('.dockerignore').split('\n');

  it('is a multi-stage build on Node 22 whose runtime stage copies only from the build stage', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(globalArgs.map((a) => a.args)).toContain('NODE_IMAGE=node:22-bookworm-slim');
    for (const s of stages) expect(s.base).toBe('${NODE_IMAGE}');
    const copies = args(runtime, 'COPY').map(copyParts);
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) expect(c.from).toBe('build');
  });

  it('builds the server and the web client, and copies only sources the context really has', () => {
    const build = byName('build');
    const run = args(build, 'RUN').join(' && ');
    expect(run).toMatch(/npm ci/);
    expect(run).toMatch(/tsc -b common server/);
    expect(run).toMatch(/vite build/);
    expect(run).toMatch(/npm prune --omit=dev/);
    for (const c of args(build, 'COPY').map(copyParts)) {
      expect(c.from).toBeUndefined();
      for (const src of c.sources) {
        expect({ src, exists: existsSync(resolve(root, src)), ignored: dockerIgnored(ignore, src) }).toEqual({ src, exists: true, ignored: false });
      }
    }
  });

  it('keeps every package the server and common import at run time after `npm prune --omit=dev`', () => {
    const runtimeDeps = new Set(['server', 'common'].flatMap((w) => Object.keys((JSON.parse(read(`${w}/package.json`)) as Json).dependencies ?? {})));
    runtimeDeps.add('@starhold/common');
    const missing = new Set<string>();
    const seen = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of readdirSync(resolve(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) {
          if (rel !== 'server/src/bench') walk(rel); // the benchmark runs from a dev checkout, not the image
        } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
          const code = read(rel);
          const specs = [
            ...code.matchAll(/^(?:import|export)(?! type)[^;]*? from '([^.'][^']*)'/gm),
            ...code.matchAll(/(?:loadCjs|require)\('([^.'][^']*)'\)/g),
          ].map((m) => m[1]!);
          for (const spec of specs) {
            const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
            seen.add(pkg);
            if (!spec.startsWith('node:') && !builtinModules.includes(pkg) && !runtimeDeps.has(pkg)) missing.add(`${pkg} (${rel})`);
          }
        }
      }
    };
    walk('server/src');
    walk('common/src');
    expect([...seen]).toEqual(expect.arrayContaining(['koa', 'koa-helmet', '@koa/cors', 'pg', 'zod', 'prom-client', 'node:zlib']));
    expect([...missing]).toEqual([]);
  });

  it('runs as the unprivileged node user with a health check, the web client and the data folder configured', () => {
    expect(args(runtime, 'USER')).toEqual(['node']);
    const env = Object.fromEntries(args(runtime, 'ENV').flatMap(envEntries));
    expect(env).toMatchObject({ NODE_ENV: 'production', PORT: '3000', STARHOLD_DATA_DIR: '/data', STARHOLD_WEB_DIR: '/app/web' });
    expect(args(runtime, 'EXPOSE')).toEqual([env.PORT]);
    const web = args(runtime, 'COPY')
      .map(copyParts)
      .find((c) => c.dest === 'web');
    expect(web?.sources).toEqual(['/app/desktop/dist/renderer']);
    const health = args(runtime, 'HEALTHCHECK')[0] ?? '';
    expect(health).toMatch(/--interval=\S+ .*CMD /);
    expect(health).toContain('/api/v1/health');
    expect(JSON.parse(health.slice(health.indexOf('CMD') + 3).trim())).toEqual(['node', '-e', expect.stringContaining('process.exit')]);
    expect(JSON.parse(args(runtime, 'ENTRYPOINT')[0]!)).toEqual(['node', 'server/dist/main.js']);
    expect(JSON.parse(args(runtime, 'CMD')[0]!)).toEqual(['serve']);
    expect(existsSync(resolve(root, 'server/src/main.ts'))).toBe(true); // compiled to server/dist/main.js (server/tsconfig.json)
    expect(read('desktop/vite.config.ts')).toMatch(/outDir: here\('\.\/dist\/renderer'\)/);
  });

  it('keeps installs, builds, git, secrets and backups out of the build context', () => {
    for (const path of [
      'node_modules',
      'server/node_modules/x',
      'server/dist',
      'desktop/dist/renderer/index.html',
      '.git',
      '.env',
      '.env.production',
      'nas.backup',
    ]) {
      expect({ path, ignored: dockerIgnored(ignore, path) }).toEqual({ path, ignored: true });
    }
    for (const path of ['.env.example', 'server/src/main.ts', 'package-lock.json', 'desktop/src/renderer/index.html']) {
      expect({ path, ignored: dockerIgnored(ignore, path) }).toEqual({ path, ignored: false });
    }
  });
});
