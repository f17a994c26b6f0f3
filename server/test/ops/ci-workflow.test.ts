// The GitHub workflow, checked without GitHub: it parses, runs on pull requests and pushes to main,
// and runs the repository's CI entry point where apt works (a root container, or sudo).
import { describe, expect, it } from '@jest/globals';
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- YAML documents are asserted field by field

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string): string => readFileSync(resolve(root, file), 'utf8');

describe('.github/workflows/ci.yml', () => {
  const wf = parseYaml(read('.github/workflows/ci.yml')) as Json;

  it('runs on every pull request and on pushes to main', () => {
    expect(wf.on).toHaveProperty('pull_request');
    expect(wf.on.push.branches).toEqual(['main']);
  });

  it('has one job that runs .ci/run after the checkout, where apt can install packages', () => {
    const jobs = Object.values(wf.jobs as Json);
    expect(jobs).toHaveLength(1);
    const job = jobs[0] as Json;
    const steps = job.steps as Json[];
    const checkout = steps.findIndex((s) => String(s.uses ?? '').startsWith('actions/checkout@'));
    const run = steps.findIndex((s) => /^bash \.ci\/run\b/.test(String(s.run ?? '').trim()));
    expect(checkout).toBeGreaterThanOrEqual(0);
    expect(run).toBeGreaterThan(checkout);
    // .ci/run calls apt-get without sudo: root in a Debian container, or a step that says sudo.
    const image = typeof job.container === 'string' ? job.container : job.container?.image;
    expect(String(image ?? '') + String(steps[run]!.run)).toMatch(/^debian:|sudo /);
    expect(job['timeout-minutes']).toBeGreaterThan(0);
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('points at an executable .ci/run that ends in the README test command', () => {
    accessSync(resolve(root, '.ci/run'), constants.X_OK);
    expect(read('.ci/run').trim().split('\n').at(-1)).toBe('npm test');
  });
});

describe('the formatter config', () => {
  it('is one Prettier config with write and check scripts', () => {
    const config = JSON.parse(read('.prettierrc.json')) as Json;
    expect(config).toMatchObject({ singleQuote: true, semi: true, trailingComma: 'all' });
    const scripts = (JSON.parse(read('package.json')) as Json).scripts as Record<string, string>;
    expect(scripts.format).toBe('prettier --write .');
    expect(scripts['format:check']).toBe('prettier --check .');
  });
});
