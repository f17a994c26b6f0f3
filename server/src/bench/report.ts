import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Canvas, type Rgb } from './png.js';
import type { Figure } from './types.js';

/** The outcome of one scenario in a run. */
export interface ScenarioRun {
  name: string;
  figures: Figure[];
  notes: string[];
  error: string | undefined;
  seconds: number;
}

export interface Goal {
  bench: string;
  metric: string;
  text: string;
  met(f: Figure): boolean;
}

/** The issue's goals (checked on full runs; a quick run's figures are only indicative). */
export const GOALS: readonly Goal[] = [
  { bench: 'sockets', metric: 'idle_sockets', text: '≥ 25 000 sockets', met: (f) => f.value >= 25_000 },
  { bench: 'sockets', metric: 'heap_per_socket', text: '≤ 8 KiB heap per socket', met: (f) => f.value <= 8 },
  { bench: 'commands', metric: 'p99_at_1000', text: 'p99 < 20 ms at 1 000 commands/s', met: (f) => f.value < 20 },
  { bench: 'commands', metric: 'p99_at_1000', text: 'p99 ≤ 3× the bare baseline', met: (f) => f.ratio !== null && f.ratio <= 3 },
  { bench: 'fanout', metric: 'p99', text: 'p99 < 100 ms', met: (f) => f.value < 100 },
  { bench: 'tick', metric: 'idle_tick', text: '< 5 ms idle tick at 100k planets', met: (f) => f.value < 5 },
  { bench: 'tick', metric: 'events_per_s', text: '≥ 5 000 events/s', met: (f) => f.value >= 5_000 },
  { bench: 'storm', metric: 'commands_lost', text: '0 commands lost', met: (f) => f.value === 0 },
  { bench: 'storm', metric: 'applied_twice', text: '0 commands applied twice', met: (f) => f.value === 0 },
];

export interface GoalCheck {
  goal: Goal;
  figure: Figure | undefined;
  met: boolean | undefined;
}

/** Each goal against the figure of the same bench (a `-quick` bench counts as the same) and metric. */
export function checkGoals(figures: readonly Figure[]): GoalCheck[] {
  return GOALS.map((goal) => {
    const figure = figures.find((f) => f.bench.replace(/-quick$/, '') === goal.bench && f.metric === goal.metric);
    return { goal, figure, met: figure === undefined ? undefined : goal.met(figure) };
  });
}

export interface MachineInfo {
  when: string;
  quick: boolean;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  database: string;
  commit: string;
}

export function machineInfo(database: string | undefined, quick: boolean): MachineInfo {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* not a git checkout */
  }
  return {
    when: new Date().toISOString(),
    quick,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    database: database ?? 'none',
    commit,
  };
}

const fmt = (x: number | null): string => (x === null ? '–' : Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000));

export function markdownReport(runs: readonly ScenarioRun[], info: MachineInfo): string {
  const figures = runs.flatMap((r) => r.figures);
  const out: string[] = [
    `# Starhold benchmark run${info.quick ? ' (quick)' : ''}`,
    '',
    `${info.when} · commit ${info.commit} · ${info.cores} × ${info.cpu} · ${info.memoryGiB} GiB · Node ${info.node} · ${info.database}`,
    '',
    '![value / baseline per figure](chart.png)',
    '',
    '| bench | metric | value | unit | baseline | ratio | baseline is |',
    '|---|---|---:|---|---:|---:|---|',
    ...figures.map((f) => `| ${f.bench} | ${f.metric} | ${fmt(f.value)} | ${f.unit} | ${fmt(f.baseline)} | ${fmt(f.ratio)} | ${f.baselineIs} |`),
    '',
    `## Goals${info.quick ? ' (quick run: indicative only)' : ''}`,
    '',
    '| goal | figure | met |',
    '|---|---|---|',
    ...checkGoals(figures).map(
      (c) =>
        `| ${c.goal.bench}: ${c.goal.text} | ${c.figure ? `${fmt(c.figure.value)} ${c.figure.unit} (ratio ${fmt(c.figure.ratio)})` : 'not measured'} | ${c.met === undefined ? '–' : c.met ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
  for (const r of runs) {
    out.push(`## ${r.name} (${Math.round(r.seconds)} s)`, '');
    if (r.error) out.push('**Harness failure:**', '', '```', r.error, '```', '');
    for (const n of r.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}

const BLUE: Rgb = [52, 101, 164];
const RED: Rgb = [204, 51, 51];
const GREY: Rgb = [120, 120, 120];
const BLACK: Rgb = [20, 20, 20];

/** Horizontal bars of value / baseline (log scale, 1/64 … 64; red when a goal on that figure is missed). */
export function chart(figures: readonly Figure[]): Buffer {
  const rowH = 18;
  const left = 330;
  const barW = 460;
  const width = left + barW + 110;
  const height = 40 + rowH * Math.max(1, figures.length);
  const c = new Canvas(width, height);
  c.text(8, 8, 'VALUE / BASELINE (LOG SCALE)', BLACK, 2);
  const x = (ratio: number) => left + ((Math.log2(Math.min(64, Math.max(1 / 64, ratio))) + 6) / 12) * barW;
  for (const r of [1 / 64, 1 / 8, 1, 8, 64]) c.rect(x(r), 28, 1, height - 28, GREY);
  const missed = new Set(
    checkGoals(figures)
      .filter((g) => g.met === false && g.figure)
      .map((g) => g.figure as Figure),
  );
  figures.forEach((f, i) => {
    const y = 32 + i * rowH;
    c.text(8, y + 3, `${f.bench} ${f.metric}`.slice(0, 40), BLACK, 2);
    if (f.ratio !== null && f.ratio > 0) {
      const a = x(1);
      const b = x(f.ratio);
      c.rect(Math.min(a, b), y + 2, Math.max(2, Math.abs(b - a)), rowH - 5, missed.has(f) ? RED : BLUE);
      c.text(left + barW + 8, y + 3, `${fmt(f.ratio)}X`, BLACK, 2);
    } else {
      c.text(left + barW + 8, y + 3, '-', BLACK, 2);
    }
  });
  return c.png();
}

/** Writes report.md, chart.png and figures.jsonl into `dir`. */
export async function writeReport(dir: string, runs: readonly ScenarioRun[], info: MachineInfo): Promise<{ markdown: string; chart: string }> {
  const figures = runs.flatMap((r) => r.figures);
  const markdown = join(dir, 'report.md');
  const png = join(dir, 'chart.png');
  await writeFile(markdown, markdownReport(runs, info));
  await writeFile(png, chart(figures));
  await writeFile(join(dir, 'figures.jsonl'), figures.map((f) => JSON.stringify(f)).join('\n') + '\n');
  return { markdown, chart: png };
}
