import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';

/**
 * What a server child (the real server, or a baseline) reports to the runner over IPC: memory
 * after a full garbage collection, CPU time used, and a CPU profile of a measured phase
 * (its hottest functions by self time; the raw .cpuprofile is written for Chrome DevTools).
 */

export interface MemoryReport {
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
  /** process.cpuUsage() user + system, microseconds since start. */
  cpuMicros: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

export function memoryReport(): MemoryReport {
  // Two passes: the first may only move objects whose finalizers release more.
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers, cpuMicros: cpu.user + cpu.system };
}

export interface HotFunction {
  name: string;
  /** Where it is defined (file:line, shortened), or the V8 category. */
  where: string;
  selfMs: number;
  /** Share of the profiled time, 0..1. */
  share: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Which package (or part of Starhold, or V8/Node category) a profile frame belongs to. */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (m) return m[1]!;
  if (/\/server\/dist\//.test(url)) return 'starhold server';
  if (/\/common\/dist\//.test(url)) return 'starhold common';
  return url;
}

export interface ProfileSummary {
  functions: HotFunction[];
  /** Self time by package, Starhold part or V8 category ((garbage collector), (idle), (program), (native)). */
  modules: { module: string; share: number }[];
}

/** Self time by package in a V8 CPU profile. */
export function modulesOf(profile: CpuProfile, top = 10): { module: string; share: number }[] {
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const us = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byNode.get(samples[i] ?? -1);
    const dt = deltas[i + 1] ?? deltas[i] ?? 0;
    if (!node) continue;
    const key = moduleOf(node.callFrame.url, node.callFrame.functionName);
    us.set(key, (us.get(key) ?? 0) + dt);
    total += dt;
  }
  return [...us]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([module, t]) => ({ module, share: total === 0 ? 0 : Math.round((t / total) * 1000) / 1000 }));
}

/** One line for a report: the biggest packages and functions by self time. */
export function describeProfile(p: ProfileSummary, n = 6): string {
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  return `by package: ${p.modules
    .slice(0, n)
    .map((m) => `${m.module} ${pct(m.share)}`)
    .join(', ')}; hottest functions: ${p.functions
    .slice(0, n)
    .map((h) => `${h.name} ${pct(h.share)} (${h.where})`)
    .join(', ')}`;
}

/** The functions with the most self time in a V8 CPU profile. */
export function hotFunctions(profile: CpuProfile, top = 12): HotFunction[] {
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byNode.get(samples[i] ?? -1);
    const dt = deltas[i + 1] ?? deltas[i] ?? 0;
    if (!node) continue;
    const f = node.callFrame;
    const file = f.url
      .replace(/^file:\/\//, '')
      .replace(/^.*\/node_modules\//, '')
      .replace(/^.*\/(server|common)\/dist\//, '$1/');
    const where = file === '' ? '(native)' : `${file}:${f.lineNumber + 1}`;
    const name = f.functionName === '' ? '(anonymous)' : f.functionName;
    const key = `${name}@${where}`;
    const e = selfUs.get(key) ?? { name, where, us: 0 };
    e.us += dt;
    selfUs.set(key, e);
    total += dt;
  }
  return [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({
      name: e.name,
      where: e.where,
      selfMs: Math.round(e.us / 100) / 10,
      share: total === 0 ? 0 : Math.round((e.us / total) * 1000) / 1000,
    }));
}

/** Profiles this process between start() and stop(file). */
export class Profiler {
  private session: Session | undefined;

  async start(): Promise<void> {
    if (this.session) return;
    const s = new Session();
    s.connect();
    await s.post('Profiler.enable');
    await s.post('Profiler.setSamplingInterval', { interval: 500 });
    await s.post('Profiler.start');
    this.session = s;
  }

  async stop(file: string | undefined): Promise<ProfileSummary> {
    const s = this.session;
    if (!s) return { functions: [], modules: [] };
    this.session = undefined;
    const { profile } = (await s.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    s.disconnect();
    if (file !== undefined) await writeFile(file, JSON.stringify(profile));
    return { functions: hotFunctions(profile), modules: modulesOf(profile) };
  }
}
