#!/usr/bin/env node
// Draws the Starhold icon (a ringed planet on a night sky) and writes it as PNGs for
// electron-builder (build/icons/<size>x<size>.png) and for the renderer (favicon, tray).
// No dependencies: a tiny PNG encoder on node:zlib. Run: npm run icons -w desktop
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const clamp = (x) => Math.max(0, Math.min(1, x));
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/** Colour at (u, v) in [-1, 1]², 4x supersampled by the caller. */
function shade(u, v) {
  const r = Math.hypot(u, v);
  if (r > 0.98) return [0, 0, 0, 0];
  let c = mix([20, 26, 58], [8, 11, 26], clamp(r)); // sky
  // a few fixed stars
  for (const [sx, sy, s] of [
    [-0.55, -0.6, 0.025],
    [0.6, -0.45, 0.02],
    [0.5, 0.65, 0.018],
    [-0.7, 0.35, 0.015],
    [0.15, -0.8, 0.014],
  ]) {
    if (Math.hypot(u - sx, v - sy) < s) c = [230, 236, 255];
  }
  const rot = (x, y) => [x * Math.cos(-0.45) - y * Math.sin(-0.45), x * Math.sin(-0.45) + y * Math.cos(-0.45)];
  const [ru, rv] = rot(u, v);
  const ring = Math.hypot(ru / 0.8, rv / 0.22);
  const inRing = ring > 0.78 && ring < 1.0;
  const planet = Math.hypot(u, v) < 0.45;
  const behind = rv < 0; // the back half of the ring is hidden by the planet
  if (inRing && (!planet || !behind)) c = mix([245, 183, 0], [255, 230, 140], clamp((ring - 0.78) / 0.22));
  else if (planet) {
    const light = clamp(0.35 + 0.65 * (1 - Math.hypot(u + 0.18, v + 0.18) / 0.7));
    c = mix([16, 60, 110], [76, 201, 240], light);
  }
  return [...c, 255];
}

export function drawIcon(size) {
  const out = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let j = 0; j < ss; j++) {
        for (let i = 0; i < ss; i++) {
          const u = ((x + (i + 0.5) / ss) / size) * 2 - 1;
          const v = ((y + (j + 0.5) / ss) / size) * 2 - 1;
          const p = shade(u, v);
          for (let k = 0; k < 3; k++) acc[k] += (p[k] * p[3]) / 255;
          acc[3] += p[3];
        }
      }
      const a = acc[3] / (ss * ss);
      const o = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) out[o + k] = a > 0 ? Math.round(((acc[k] / (ss * ss)) * 255) / a) : 0;
      out[o + 3] = Math.round(a);
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const iconsDir = join(root, 'build', 'icons');
  mkdirSync(iconsDir, { recursive: true });
  for (const size of [1024, 512, 256, 128, 64, 32, 16]) {
    writeFileSync(join(iconsDir, `${size}x${size}.png`), encodePng(size, drawIcon(size)));
  }
  writeFileSync(join(root, 'build', 'icon.png'), encodePng(1024, drawIcon(1024)));
  const pub = join(root, 'desktop', 'src', 'renderer', 'public');
  mkdirSync(pub, { recursive: true });
  writeFileSync(join(pub, 'icon.png'), encodePng(256, drawIcon(256)));
  console.log(`icons written to ${iconsDir} and ${pub}`);
}
