import { inflateSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { parseBenchArgs } from '../src/bench/args.js';
import { databaseSpec, isLoopbackHost } from '../src/bench/db.js';
import { sourceAddress } from '../src/bench/loadgens.js';
import { Canvas, crc32 } from '../src/bench/png.js';
import { hotFunctions, moduleOf, modulesOf, type CpuProfile } from '../src/bench/probe.js';
import { fdLimitOf } from '../src/bench/proc.js';
import { chart, checkGoals, markdownReport } from '../src/bench/report.js';
import { parseWrk, wrkMs } from '../src/bench/scenarios/crosscheck.js';
import { percentile, slope, split, summarize } from '../src/bench/stats.js';
import { figure } from '../src/bench/types.js';

describe('bench statistics', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose

  it('percentiles use the nearest rank', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('summarizes count, mean, p50/p95/p99 and max', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ n: 5, mean: 3, p50: 3, p95: 5, p99: 5, max: 5 });
    expect(summarize(hundred)).toMatchObject({ n: 100, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 });
    const empty = summarize([]);
    expect(empty.n).toBe(0);
    for (const k of ['mean', 'p50', 'p99', 'max'] as const) expect(empty[k]).toBeNaN();
  });

  it('fits a least-squares slope (memory per socket)', () => {
    expect(
      slope([
        { x: 0, y: 2 },
        { x: 10, y: 32 },
        { x: 20, y: 62 },
      ]),
    ).toBeCloseTo(3);
    expect(
      slope([
        { x: 0, y: 0 },
        { x: 1, y: 1 },
        { x: 2, y: 1 },
        { x: 3, y: 2 },
      ]),
    ).toBeCloseTo(0.6);
    expect(slope([{ x: 1, y: 1 }])).toBeNaN();
    expect(
      slope([
        { x: 1, y: 1 },
        { x: 1, y: 5 },
      ]),
    ).toBeNaN();
  });

  it('splits clients evenly over load generators', () => {
    expect(split(10, 3)).toEqual([
      { start: 0, count: 4 },
      { start: 4, count: 3 },
      { start: 7, count: 3 },
    ]);
    expect(split(2, 4).map((p) => p.count)).toEqual([1, 1, 0, 0]);
    expect(split(5, 0)).toEqual([{ start: 0, count: 5 }]);
  });
});

describe('bench database and addresses', () => {
  it('takes --db', () => {
    expect(parseBenchArgs(['--db', 'embedded'])).toEqual({ quick: false, only: [], list: false, db: 'embedded' });
    expect(parseBenchArgs(['--quick', '--db=postgres://u@127.0.0.1/x']).db).toBe('postgres://u@127.0.0.1/x');
    expect(() => parseBenchArgs(['--db'])).toThrow(/--db needs .*usage/s);
    expect(() => parseBenchArgs(['--db', '--quick'])).toThrow(/usage/);
  });

  it('picks the database: flag, STARHOLD_BENCH_DATABASE_URL, DATABASE_URL, else embedded', () => {
    const env = { STARHOLD_BENCH_DATABASE_URL: 'postgres://a@127.0.0.1/a', DATABASE_URL: 'postgres://b@127.0.0.1/b' };
    expect(databaseSpec('embedded', env)).toBe('embedded');
    expect(databaseSpec(undefined, env)).toBe(env.STARHOLD_BENCH_DATABASE_URL);
    expect(databaseSpec(undefined, { DATABASE_URL: env.DATABASE_URL })).toBe(env.DATABASE_URL);
    expect(databaseSpec(undefined, {})).toBe('embedded');
  });

  it.each([
    ['127.0.0.1', true],
    ['127.20.3.4', true],
    ['localhost', true],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['db.example.com', false],
  ])('only loopback counts as a bench host: %s → %p', (host, ok) => {
    expect(isLoopbackHost(host)).toBe(ok);
  });

  it('gives each load generator its own loopback source address', () => {
    expect([0, 1, 2].map(sourceAddress)).toEqual(['127.0.0.2', '127.0.0.3', '127.0.0.4']);
    for (const a of [0, 7, 300].map(sourceAddress)) expect(isLoopbackHost(a)).toBe(true);
  });

  it('reads a process descriptor limit', () => {
    const n = fdLimitOf(process.pid);
    expect(n === null || (Number.isInteger(n) && n > 0)).toBe(true);
    expect(fdLimitOf(undefined)).toBeNull();
  });
});

describe('wrk output', () => {
  const out = `Running 10s test @ http://127.0.0.1:3000/api/v1/commands
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   420.50ms  100.20ms   1.20s    70.00%
  Latency Distribution
     50%  410.00ms
     75%  480.00ms
     90%  600.00ms
     99%    1.10s
  1523 requests in 10.01s, 1.20MB read
  Non-2xx or 3xx responses: 12
Requests/sec:    152.15
Transfer/sec:    122.00KB
`;
  it('parses throughput, latency percentiles and failures', () => {
    expect(parseWrk(out)).toEqual({ requestsPerS: 152.15, p50: 410, p99: 1100, requests: 1523, non2xx: 12, errors: undefined });
    expect([wrkMs('850.00us'), wrkMs('12.5ms'), wrkMs('2.00s'), wrkMs('1.00m'), wrkMs('?')]).toEqual([0.85, 12.5, 2000, 60_000, Number.NaN]);
  });
});

describe('cpu profile summary', () => {
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 4000,
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
      { id: 2, callFrame: { functionName: 'flush', url: 'file:///x/node_modules/@mikro-orm/core/unit.js', lineNumber: 9 } },
      { id: 3, callFrame: { functionName: 'runCommand', url: 'file:///x/server/dist/commands/pipeline.js', lineNumber: 0 } },
      { id: 4, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
    ],
    samples: [2, 2, 3, 4],
    timeDeltas: [0, 1000, 1000, 1000],
  };

  it('ranks functions and packages by self time', () => {
    expect(hotFunctions(profile)[0]).toMatchObject({ name: 'flush', where: '@mikro-orm/core/unit.js:10', share: 0.5 });
    expect(modulesOf(profile)).toEqual([
      { module: '@mikro-orm/core', share: 0.5 },
      { module: 'starhold server', share: 0.25 },
      { module: '(garbage collector)', share: 0.25 },
    ]);
    expect(moduleOf('node:internal/streams', 'x')).toBe('node internals');
    expect(moduleOf('file:///a/node_modules/ws/lib/sender.js', 'x')).toBe('ws');
    expect(moduleOf('', 'writev')).toBe('(native)');
  });
});

describe('report and chart', () => {
  const figures = [
    figure('sockets', 'idle_sockets', 30_000, 'sockets', 30_000, 'bare'),
    figure('commands', 'p99_at_1000', 25, 'ms', 5, 'bare'),
    figure('tick-quick', 'idle_tick', 1, 'ms', 1, '1k planets'),
  ];

  it('checks the goals against the figures', () => {
    const byText = Object.fromEntries(checkGoals(figures).map((c) => [`${c.goal.bench}: ${c.goal.text}`, c.met]));
    expect(byText['sockets: ≥ 25 000 sockets']).toBe(true);
    expect(byText['commands: p99 < 20 ms at 1 000 commands/s']).toBe(false);
    expect(byText['commands: p99 ≤ 3× the bare baseline']).toBe(false);
    expect(byText['tick: < 5 ms idle tick at 100k planets']).toBe(true);
    expect(byText['fanout: p99 < 100 ms']).toBeUndefined();
  });

  it('writes a markdown report with every figure, the goals and the notes', () => {
    const md = markdownReport([{ name: 'sockets', figures, notes: ['bounded by descriptors'], error: 'Error: boom', seconds: 3 }], {
      when: 'now',
      quick: false,
      cpu: 'cpu',
      cores: 2,
      memoryGiB: 8,
      node: 'v22',
      database: 'pg',
      commit: 'abc',
    });
    expect(md).toContain('| commands | p99_at_1000 | 25 | ms | 5 | 5 | bare |');
    expect(md).toContain('| commands: p99 < 20 ms at 1 000 commands/s | 25 ms (ratio 5) | **no** |');
    expect(md).toContain('- bounded by descriptors');
    expect(md).toContain('**Harness failure:**');
  });

  it('draws a valid PNG', () => {
    const png = chart(figures);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(900);
  });
});

describe('png encoder', () => {
  it('computes the PNG CRC-32', () => {
    expect(crc32(Buffer.from('IEND', 'ascii'))).toBe(0xae426082);
    expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926);
  });

  it('encodes the pixels it was given', () => {
    const c = new Canvas(4, 3, [255, 255, 255]);
    c.rect(1, 1, 2, 1, [10, 20, 30]);
    const png = c.png();
    const idatLen = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    expect(raw.length).toBe(3 * (4 * 3 + 1));
    const px = (x: number, y: number) => [...raw.subarray(y * 13 + 1 + x * 3, y * 13 + 4 + x * 3)];
    expect(px(0, 0)).toEqual([255, 255, 255]);
    expect(px(1, 1)).toEqual([10, 20, 30]);
    expect(px(2, 1)).toEqual([10, 20, 30]);
    expect(px(3, 1)).toEqual([255, 255, 255]);
    expect(png.toString('ascii', png.length - 8, png.length - 4)).toBe('IEND');
  });
});
