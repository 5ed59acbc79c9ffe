// What an upload really is, read from its first bytes (magic numbers), never from the
// file name or the Content-Type the client claims. Dimensions are read from the
// header where the format puts them near the start; callers pass what they have.
import type { ImageFormat } from './media-store';

export interface SniffedImage {
  format: ImageFormat;
  mime: string;
  width?: number;
  height?: number;
}

/** Bytes needed to recognise every supported type (AVIF's ftyp box is the longest). */
export const SNIFF_BYTES = 64;

export const MIME_BY_FORMAT: Record<ImageFormat, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const ascii = (b: Buffer, start: number, end: number) => (b.length >= end ? b.toString('latin1', start, end) : '');

export function sniffImage(head: Buffer): SniffedImage | null {
  const format = detectFormat(head);
  if (!format) return null;
  return { format, mime: MIME_BY_FORMAT[format], ...dimensions(format, head) };
}

function detectFormat(b: Buffer): ImageFormat | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  const gif = ascii(b, 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (isAvif(b)) return 'avif';
  return null;
}

// ISO-BMFF: [size][ftyp][major brand][minor version][compatible brands...]. An AVIF
// says avif/avis either as the major brand or among the compatible ones (e.g. mif1 + avif).
function isAvif(b: Buffer): boolean {
  if (ascii(b, 4, 8) !== 'ftyp') return false;
  const boxEnd = Math.min(b.readUInt32BE(0), b.length);
  const brands = [ascii(b, 8, 12)];
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(b, at, at + 4));
  return brands.some((brand) => brand === 'avif' || brand === 'avis');
}

type Size = { width?: number; height?: number };

function dimensions(format: ImageFormat, b: Buffer): Size {
  try {
    switch (format) {
      case 'png': // IHDR is always the first chunk: width and height at 16 and 20
        return ascii(b, 12, 16) === 'IHDR' ? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) } : {};
      case 'gif': // logical screen descriptor, little-endian
        return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
      case 'webp':
        return webpSize(b);
      case 'jpg':
        return jpegSize(b);
      case 'avif': // dimensions live in an 'ispe' property deep in the meta box; not worth a parser
        return {};
    }
  } catch {
    // A header cut short by the buffer (RangeError): the type is known, the size is not.
    return {};
  }
}

function webpSize(b: Buffer): Size {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ') {
    // lossy: frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    // lossless: 0x2f, then width-1 and height-1 as two 14-bit fields
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    // extended: canvas width-1 and height-1 as 24-bit little-endian
    return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  }
  return {};
}

// Walks the marker segments to the first start-of-frame (SOF0..SOF15 except DHT C4,
// JPG C8, DAC CC), which holds height then width. EXIF can push it past the buffer.
function jpegSize(b: Buffer): Size {
  let at = 2;
  while (at + 9 <= b.length) {
    if (b[at] !== 0xff) return {};
    const marker = b[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      at += 2; // standalone markers carry no length
      continue;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    at += 2 + b.readUInt16BE(at + 2);
  }
  return {};
}
