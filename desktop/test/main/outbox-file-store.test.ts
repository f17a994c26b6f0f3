import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FileOutboxStore } from '../../src/main/outbox-file-store.js';
import type { OutboxSnapshot } from '../../src/shared/outbox-types.js';

const snapshot = (n: number, over: Partial<OutboxSnapshot> = {}): OutboxSnapshot => ({
  version: 1,
  clientId: 'client-aaaaaaaa',
  nextSeq: n + 1,
  lastEventSeq: 0,
  commands: Array.from({ length: n }, (_, i) => ({
    clientId: 'client-aaaaaaaa',
    seq: i + 1,
    type: 'buildings.upgrade',
    payload: { planetId: 1, building: 'metalMine' },
    queuedAt: 1000 + i,
  })),
  ...over,
});

describe('FileOutboxStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'starhold-outbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts empty and reads back what it saved, from a new instance (a restart)', async () => {
    const a = new FileOutboxStore({ dir: join(dir, 'outbox') });
    expect(await a.load('srv.p1')).toBeNull();
    await a.save('srv.p1', snapshot(2));
    expect(await new FileOutboxStore({ dir: join(dir, 'outbox') }).load('srv.p1')).toEqual(snapshot(2));
  });

  it('keeps scopes apart', async () => {
    const s = new FileOutboxStore({ dir });
    await s.save('srv.p1', snapshot(1));
    await s.save('srv.p2', snapshot(3));
    expect((await s.load('srv.p1'))!.commands).toHaveLength(1);
    expect((await s.load('srv.p2'))!.commands).toHaveLength(3);
  });

  it('applies saves in call order and leaves no temp files', async () => {
    const s = new FileOutboxStore({ dir });
    await Promise.all([1, 2, 3, 4, 5].map((n) => s.save('srv.p1', snapshot(n))));
    expect((await s.load('srv.p1'))!.commands).toHaveLength(5);
    expect(readdirSync(dir)).toEqual(['srv.p1.json']);
  });

  it.each([
    ['torn JSON', '{"version":1,"clientId":"client-aaaa'],
    ['an empty file', ''],
    ['valid JSON that is not a snapshot', '{"version":1,"commands":"nope"}'],
  ])('moves %s aside as .corrupt-<ts> and starts empty', async (_what, content) => {
    writeFileSync(join(dir, 'srv.p1.json'), content);
    const seen: string[] = [];
    const s = new FileOutboxStore({ dir, now: () => 1234, onCorrupt: (_f, movedTo) => seen.push(movedTo) });
    expect(await s.load('srv.p1')).toBeNull();
    expect(readFileSync(join(dir, 'srv.p1.json.corrupt-1234'), 'utf8')).toBe(content);
    expect(existsSync(join(dir, 'srv.p1.json'))).toBe(false);
    expect(seen).toEqual([join(dir, 'srv.p1.json.corrupt-1234')]);
    // The scope works again afterwards.
    await s.save('srv.p1', snapshot(1));
    expect((await s.load('srv.p1'))!.commands).toHaveLength(1);
  });

  it('a crash mid-write (a temp file left behind) keeps the previous snapshot', async () => {
    const s = new FileOutboxStore({ dir });
    await s.save('srv.p1', snapshot(2));
    // What a crash between writing the temp file and renaming it leaves on disk.
    writeFileSync(join(dir, 'srv.p1.json.tmp-999-deadbeef'), '{"version":1,"clientId":"half');
    const after = new FileOutboxStore({ dir });
    expect(await after.load('srv.p1')).toEqual(snapshot(2));
    expect(await after.removeStaleTemps()).toBe(1);
    expect(readdirSync(dir)).toEqual(['srv.p1.json']);
  });

  it('a command written before a crash is still there after it, with its seq', async () => {
    const s = new FileOutboxStore({ dir });
    await s.save('srv.p1', snapshot(3));
    const restarted = new FileOutboxStore({ dir });
    const loaded = await restarted.load('srv.p1');
    expect(loaded!.commands.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(loaded!.nextSeq).toBe(4);
  });

  it.each(['../escape', 'a/b', '', 'x'.repeat(200), 'srv p1'])('refuses the unsafe scope %j', async (scope) => {
    const s = new FileOutboxStore({ dir });
    expect(() => s.fileOf(scope)).toThrow(RangeError);
    await expect(s.save(scope, snapshot(1))).rejects.toThrow();
  });

  it('refuses to save something that is not a snapshot', async () => {
    const s = new FileOutboxStore({ dir });
    await expect(s.save('srv.p1', { version: 1 } as unknown as OutboxSnapshot)).rejects.toThrow(TypeError);
    expect(readdirSync(dir)).toEqual([]);
  });
});
