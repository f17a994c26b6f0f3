import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { COMMAND_TYPES } from '@starhold/common';
import { commandRegistry, eventRegistry } from '../../src/handlers.js';
// @ts-expect-error: plain ESM JavaScript without declarations (the repo's lint rules).
import { ROOT, cycleMates, cycleThrough, repoPath } from '../../../eslint/import-graph.mjs';

// The one-way dependencies of docs/architecture.md ("Dependencies"): the composition root assembles
// every module's handlers, the repo has no import cycle, and the lint rules that keep it so fire.
const graph = { cycleMates, cycleThrough, repoPath } as {
  cycleMates(file: string): Set<string>;
  cycleThrough(from: string, to: string): string[] | null;
  repoPath(file: string): string;
};

describe('dependencies', () => {
  it("registers a handler for every command type and event kind, from the modules' maps", () => {
    expect(commandRegistry().types().sort()).toEqual([...COMMAND_TYPES].sort());
    expect(eventRegistry().kinds().sort()).toEqual([
      'building.complete',
      'fleet.arrive',
      'fleet.return',
      'research.complete',
      'shipyard.unit',
      'wheel.buffEnd',
      'wheel.buffStart',
    ]);
  });

  it('has no import cycle, type-only imports included', () => {
    const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: ROOT as string, encoding: 'utf8' })
      .trim()
      .split('\n');
    const cyclic = files
      .map((f) => join(ROOT as string, f))
      .filter((f) => graph.cycleMates(f).size > 0)
      .map(graph.repoPath);
    expect(cyclic).toEqual([]);
  });

  it('finds a cycle made of type imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starhold-cycle-'));
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.js';\nexport type A = { b?: B };\n");
    writeFileSync(join(dir, 'b.ts'), "import type { C } from './c.js';\nexport type B = { c?: C };\n");
    writeFileSync(join(dir, 'c.ts'), "import type { A } from './a.js';\nexport type C = { a?: A };\n");
    const [a, b, c] = ['a.ts', 'b.ts', 'c.ts'].map((f) => join(dir, f));
    expect(graph.cycleMates(a!)).toEqual(new Set([a, b, c]));
    expect(graph.cycleThrough(a!, b!)).toEqual([a, b, c, a]);
  });

  it('lints a module importing http/ or the container, and a core file importing a module', async () => {
    // The probes are virtual files outside every tsconfig: lint them without type information
    // (the type-aware rules need a project; the layer rule reads only imports).
    const eslint = new ESLint({
      cwd: ROOT as string,
      overrideConfig: {
        languageOptions: { parserOptions: { projectService: false, project: null } },
        rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
      },
    });
    const lint = async (path: string, text: string) => {
      const [r] = await eslint.lintText(text, { filePath: join(ROOT as string, path) });
      return r!.messages.filter((m) => m.ruleId === 'starhold/layers').map((m) => m.message);
    };
    expect(
      await lint(
        'server/src/modules/queues/probe.ts',
        "import type { AppRouter } from '../../http/context.js';\nimport type { Services } from '../../services.js';\nexport type X = [AppRouter, Services];\n",
      ),
    ).toEqual([expect.stringContaining('server/src/http/context.ts'), expect.stringContaining('server/src/services.ts')]);
    expect(
      await lint('server/src/commands/probe.ts', "import { spinWheel } from '../modules/wheel/spin.js';\nexport const x = spinWheel;\n"),
    ).toEqual([expect.stringContaining('server/src/modules/wheel/spin.ts')]);
    // A module's HTTP adapter may use the http/ kit; the core may use the stream.
    expect(
      await lint('server/src/modules/queues/routes.ts', "import type { AppRouter } from '../../http/context.js';\nexport type X = AppRouter;\n"),
    ).toEqual([]);
    expect(
      await lint('server/src/commands/probe.ts', "import { StreamBatch } from '../modules/stream/stream.js';\nexport const x = StreamBatch;\n"),
    ).toEqual([]);
  }, 60_000);
});
