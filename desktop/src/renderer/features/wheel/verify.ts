import { outcomeFromHmacHex, wheelMessage } from '@starhold/common';
import type { WheelHistoryEntry } from '@starhold/common';
import type { VerifyResult } from './wheelSlice.js';

const hex = (buf: ArrayBuffer): string => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Re-derives a spin from its revealed server seed, in the client, with WebCrypto:
 * `HMAC-SHA256(key = serverSeed as UTF-8, message = "clientSeed:nonce")` → `outcomeFromHmacHex`
 * (common), and checks that SHA-256 of the seed is the commitment shown before the spin.
 */
export async function verifySpin(entry: WheelHistoryEntry, subtle: SubtleCrypto = crypto.subtle): Promise<VerifyResult> {
  if (!entry.serverSeed) throw new Error('The seed of this spin is not revealed yet: rotate the seed first.');
  const enc = new TextEncoder();
  const key = await subtle.importKey('raw', enc.encode(entry.serverSeed), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const hmacHex = hex(await subtle.sign('HMAC', key, enc.encode(wheelMessage(entry.clientSeed, entry.nonce))));
  const derived = outcomeFromHmacHex(hmacHex);
  const commitment = hex(await subtle.digest('SHA-256', enc.encode(entry.serverSeed)));
  const commitmentOk = entry.commitment !== null && commitment === entry.commitment;
  return { spinId: entry.id, hmacHex, derived, recorded: entry.outcome, commitmentOk, ok: commitmentOk && derived === entry.outcome };
}
