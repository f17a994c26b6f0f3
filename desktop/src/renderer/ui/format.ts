import type { Resources } from '@starhold/common';

export const fmt = (n: number): string => Math.floor(n).toLocaleString('en-US');
export const fmtSigned = (n: number): string => (n > 0 ? `+${fmt(n)}` : fmt(n));
export const fmtCost = (r: Resources): string => `${fmt(r.metal)} M · ${fmt(r.crystal)} C · ${fmt(r.deuterium)} D`;

/** "12s ago", "3m ago", "2h ago". */
export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}

export const timeOf = (ms: number): string => new Date(ms).toLocaleTimeString('en-GB');
