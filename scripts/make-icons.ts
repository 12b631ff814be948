/**
 * Draws RosterLink's two Teams icons and writes them as PNGs into appPackage/:
 *   color.png   192×192, the link mark in white on the brand blue (the manifest's accentColor)
 *   outline.png  32×32,  the same mark in white on a transparent background
 * Teams shows the outline icon on its own coloured bars, so it may hold only white and
 * transparency; the colour icon keeps its mark inside the central 120×120 "safe" area.
 *
 * Run: npx tsx scripts/make-icons.ts   (the PNGs are committed; rerun only to change the design)
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";

/** The brand colour; appPackage/manifest.json's accentColor must be the same. */
export const BRAND_BLUE = { r: 0x25, g: 0x63, b: 0xeb } as const;

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Two interlocked chain links on a diagonal: a tenant linked to its school. */
interface LinkMark {
  centre: number;
  /** Distance from the centre to each link's centre, along the diagonal. */
  offset: number;
  /** Half the length of each link's straight part. */
  halfLength: number;
  /** Radius of each link's rounded ends, measured to the middle of the stroke. */
  radius: number;
  stroke: number;
}

/** Signed distance from (x, y) to a capsule ring (a chain link) whose axis is `axis`. */
function linkDistance(x: number, y: number, cx: number, cy: number, mark: LinkMark): number {
  const ax = Math.SQRT1_2;
  const ay = -Math.SQRT1_2;
  const px = x - cx;
  const py = y - cy;
  const along = Math.max(-mark.halfLength, Math.min(mark.halfLength, px * ax + py * ay));
  const dx = px - along * ax;
  const dy = py - along * ay;
  return Math.abs(Math.hypot(dx, dy) - mark.radius) - mark.stroke / 2;
}

/** How much of the pixel at (x, y) the mark covers, 0..1, from 4×4 samples. */
function markCoverage(x: number, y: number, mark: LinkMark): number {
  const samples = 4;
  let inside = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const px = x + (sx + 0.5) / samples;
      const py = y + (sy + 0.5) / samples;
      const shift = mark.offset * Math.SQRT1_2;
      const first = linkDistance(px, py, mark.centre - shift, mark.centre + shift, mark);
      const second = linkDistance(px, py, mark.centre + shift, mark.centre - shift, mark);
      if (Math.min(first, second) <= 0) inside++;
    }
  }
  return inside / (samples * samples);
}

function drawIcon(size: number, mark: LinkMark, background: Rgba): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const coverage = markCoverage(x, y, mark);
      // White over the background, blended by coverage (straight alpha).
      const alpha = coverage + (background.a / 255) * (1 - coverage);
      const blend = (channel: number) =>
        alpha === 0 ? 0 : Math.round((255 * coverage + channel * (background.a / 255) * (1 - coverage)) / alpha);
      const i = (y * size + x) * 4;
      pixels[i] = blend(background.r);
      pixels[i + 1] = blend(background.g);
      pixels[i + 2] = blend(background.b);
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, pixels);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels (row-major) as a PNG. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const rowLength = width * 4;
  const raw = Buffer.alloc((rowLength + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (rowLength + 1)] = 0; // filter type None
    rgba.copy(raw, y * (rowLength + 1) + 1, y * rowLength, (y + 1) * rowLength);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(raw, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

export function makeColorIcon(): Buffer {
  return drawIcon(192, { centre: 96, offset: 23, halfLength: 10, radius: 17, stroke: 9 }, { ...BRAND_BLUE, a: 255 });
}

export function makeOutlineIcon(): Buffer {
  return drawIcon(32, { centre: 16, offset: 4.2, halfLength: 1.9, radius: 3.6, stroke: 2 }, { r: 0, g: 0, b: 0, a: 0 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const appPackage = join(dirname(fileURLToPath(import.meta.url)), "..", "appPackage");
  writeFileSync(join(appPackage, "color.png"), makeColorIcon());
  writeFileSync(join(appPackage, "outline.png"), makeOutlineIcon());
  console.log("wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)");
}
