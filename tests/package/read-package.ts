/**
 * Readers for what scripts/package-app.ts writes, kept apart from the writer so a test checks
 * the bytes against the file formats, not against the code that produced them.
 */
import { crc32, inflateRawSync, inflateSync } from "node:zlib";

/** Reads a ZIP through its central directory (as Teams does) and checks every entry's CRC. */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const endOffset = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOffset < 0) throw new Error("no end-of-central-directory record");
  const count = zip.readUInt16LE(endOffset + 10);
  let offset = zip.readUInt32LE(endOffset + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const stored = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(stored) : method === 0 ? Buffer.from(stored) : undefined;
    if (!data) throw new Error(`${name}: unsupported compression method ${method}`);
    if (data.length !== size || crc32(data) >>> 0 !== crc) throw new Error(`${name}: size or CRC mismatch`);
    entries.set(name, data);
  }
  return entries;
}

export interface PngImage {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** 8-bit RGBA pixels, row-major (only for 8-bit RGBA images without interlacing). */
  rgba?: Buffer;
}

/** Reads the IHDR chunk, and the pixels of an 8-bit RGBA image written with filter type None. */
export function readPng(png: Buffer): PngImage {
  if (png.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") throw new Error("not a PNG");
  let offset = 8;
  let header: PngImage | undefined;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) >>> 0 !== png.readUInt32BE(offset + 8 + length)) {
      throw new Error(`${type}: bad CRC`);
    }
    if (type === "IHDR") {
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8]!, colourType: data[9]! };
    } else if (type === "IDAT") {
      idat.push(data);
    }
    offset += 12 + length;
  }
  if (!header) throw new Error("no IHDR chunk");
  if (header.bitDepth === 8 && header.colourType === 6) {
    const raw = inflateSync(Buffer.concat(idat));
    const stride = header.width * 4;
    const rgba = Buffer.alloc(stride * header.height);
    for (let y = 0; y < header.height; y++) {
      const filter = raw[y * (stride + 1)];
      if (filter !== 0) throw new Error(`row ${y}: filter type ${filter} not supported by this reader`);
      raw.copy(rgba, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
    }
    header.rgba = rgba;
  }
  return header;
}
