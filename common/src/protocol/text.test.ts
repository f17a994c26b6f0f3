import { describe, expect, it } from '@jest/globals';
import { commandEnvelopeSchema } from './commands.js';
import { unstorableTextAt } from './text.js';

describe('unstorableTextAt', () => {
  it.each([
    ['plain text', { a: 'metalMine', b: ['x', { c: 'é😀' }] }, undefined],
    ['a NUL in a value', { a: ['ok', { b: 'x\u0000y' }] }, 'a[1].b'],
    ['a lone high surrogate', { a: 'x\ud800' }, 'a'],
    ['a lone low surrogate', { a: '\udc00x' }, 'a'],
    ['a reversed pair', { a: '\udc00\ud800' }, 'a'],
    ['a NUL in a key (reported by its parent, never echoed)', { a: { 'k\u0000': 1 } }, 'a key of a'],
    ['a bad root string', '\u0000', '(root)'],
    ['numbers, booleans, null', [1, true, null], undefined],
  ])('%s', (_name, value, at) => {
    expect(unstorableTextAt(value)).toBe(at);
  });

  it('walks any depth without recursion', () => {
    let v: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(unstorableTextAt(v)).toMatch(/^\[0\]/);
  });

  it('makes command envelopes with such text invalid', () => {
    const envelope = { clientId: 'client-123', seq: 1, type: 'wheel.spin', payload: { planetId: 1, clientSeed: 'a\u0000' } };
    expect(commandEnvelopeSchema.safeParse(envelope).success).toBe(false);
    expect(commandEnvelopeSchema.safeParse({ ...envelope, payload: { planetId: 1, clientSeed: 'ok' } }).success).toBe(true);
  });
});
