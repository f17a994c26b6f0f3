// Starhold's own lint rules about the import graph (see docs/architecture.md, "Dependencies").
// - no-import-cycle: an import whose target imports this file back, directly or not, type-only
//   imports counted (a type cycle couples modules as much as a value cycle does).
// - layers: files of one layer may not import files of the layers listed for it.
import { cycleMates, cycleThrough, repoPath, resolveImport } from './import-graph.mjs';

/** The import/export-from nodes of a file with their specifier. */
function importNodes(program) {
  return program.body.filter(
    (n) => (n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && n.source,
  );
}

const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between files of this repo, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{path}}' },
  },
  create(context) {
    const file = context.filename;
    return {
      Program(program) {
        const mates = cycleMates(file);
        if (mates.size === 0) return;
        for (const node of importNodes(program)) {
          const target = resolveImport(file, node.source.value);
          if (!target || !mates.has(target)) continue;
          const cycle = cycleThrough(file, target) ?? [file, file];
          context.report({ node, messageId: 'cycle', data: { path: cycle.map(repoPath).join(' → ') } });
        }
      },
    };
  },
};

/** `*` is one path segment (or part of it), `**` any number of segments. */
function globToRegExp(glob) {
  const src = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\/|\*\*|\*/g, (m) => ({ '**/': '(?:.*/)?', '**': '.*' })[m] ?? '[^/]*');
  return new RegExp(`^${src}$`);
}
const matches = (globs, path) => globs.some((g) => globToRegExp(g).test(path));

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep dependencies pointing one way: each layer lists the files it may not import' },
    schema: [
      {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            files: { type: 'array', items: { type: 'string' } },
            except: { type: 'array', items: { type: 'string' } },
            disallow: { type: 'array', items: { type: 'string' } },
            allow: { type: 'array', items: { type: 'string' } },
          },
          required: ['name', 'files', 'disallow'],
          additionalProperties: false,
        },
      },
    ],
    messages: { layer: '{{layer}} may not import {{target}} (docs/architecture.md, "Dependencies")' },
  },
  create(context) {
    const file = context.filename;
    const from = repoPath(file);
    const rules = (context.options[0] ?? []).filter((l) => matches(l.files, from) && !matches(l.except ?? [], from));
    if (!rules.length) return {};
    return {
      Program(program) {
        for (const node of importNodes(program)) {
          const target = resolveImport(file, node.source.value);
          if (!target) continue;
          const to = repoPath(target);
          const broken = rules.find((l) => matches(l.disallow, to) && !matches(l.allow ?? [], to));
          if (broken) context.report({ node, messageId: 'layer', data: { layer: broken.name, target: to } });
        }
      },
    };
  },
};

export default {
  meta: { name: 'starhold' },
  rules: { 'no-import-cycle': noImportCycle, layers },
};
