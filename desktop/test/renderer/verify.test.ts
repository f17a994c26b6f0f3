import { describe, expect, it } from '@jest/globals';
import type { WheelHistoryEntry } from '@starhold/common';
import { verifySpin } from '../../src/renderer/features/wheel/verify.js';

function spin(over: Partial<WheelHistoryEntry>): WheelHistoryEntry {
  return {
    id: 1,
    spunAt: '2026-01-01T12:00:00.000Z',
    planetId: 1,
    cost: { metal: 1000, crystal: 500, deuterium: 200 },
    clientSeed: 'lucky',
    nonce: 0,
    outcome: 'none',
    multiplier: 1,
    buff: null,
    commitment: null,
    serverSeed: null,
    seedRevealedAt: null,
    ...over,
  };
}

// Known answers computed independently with node:crypto (createHmac / createHash).
const VECTORS = [
  {
    serverSeed: 'a'.repeat(64),
    clientSeed: 'lucky',
    nonce: 0,
    outcome: 'none' as const,
    hmac: 'b4e782ac59e01241d056af2e99c8b64f35f8dd70f28d079b18fc54e9ecee4812',
    commitment: 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb',
  },
  {
    serverSeed: '0123456789abcdef'.repeat(4),
    clientSeed: 'player-seed',
    nonce: 7,
    outcome: 'x1.5' as const,
    hmac: '618ced981f594fc4e9980cfa1309f4fed67f6917ce66b8ef6af57de9d323cd7e',
    commitment: 'a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e',
  },
];

describe('verifySpin (WebCrypto)', () => {
  it.each(VECTORS)('re-derives $outcome for nonce $nonce', async (v) => {
    const r = await verifySpin(
      spin({ serverSeed: v.serverSeed, clientSeed: v.clientSeed, nonce: v.nonce, outcome: v.outcome, commitment: v.commitment }),
    );
    expect(r).toEqual({ spinId: 1, hmacHex: v.hmac, derived: v.outcome, recorded: v.outcome, commitmentOk: true, ok: true });
  });

  it('reports a mismatch when the recorded outcome does not follow from the seed', async () => {
    const v = VECTORS[1]!;
    const r = await verifySpin(spin({ serverSeed: v.serverSeed, clientSeed: v.clientSeed, nonce: v.nonce, outcome: 'x2', commitment: v.commitment }));
    expect(r.derived).toBe('x1.5');
    expect(r.ok).toBe(false);
  });

  it('reports a seed that does not match its commitment', async () => {
    const v = VECTORS[0]!;
    const r = await verifySpin(spin({ serverSeed: v.serverSeed, outcome: v.outcome, commitment: VECTORS[1]!.commitment }));
    expect(r.commitmentOk).toBe(false);
    expect(r.ok).toBe(false);
  });

  it('refuses a spin whose seed is not revealed yet', async () => {
    await expect(verifySpin(spin({}))).rejects.toThrow(/not revealed/);
  });
});
