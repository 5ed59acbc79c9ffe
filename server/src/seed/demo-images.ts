// The demo catalog's pictures: every `homeser/demo/...` image the seed references gets a
// real PNG in the local media folder, drawn here (no binary assets in the repository). Each
// is a soft two-colour gradient with a few translucent discs, coloured by its category, so
// cards look distinct. Existing files are left alone; writing all 96 takes well under a second.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Db } from '../infra/database';

const WIDTH = 480;
const HEIGHT = 320;
const DEMO_PREFIX = 'homeser/demo/';

export async function writeDemoImages(prisma: Db, mediaDir: string): Promise<number> {
  const images = await prisma.serviceImage.findMany({
    where: { publicId: { startsWith: DEMO_PREFIX } },
    select: { publicId: true },
    distinct: ['publicId'],
  });
  let written = 0;
  for (const { publicId } of images) {
    const file = join(mediaDir, `${publicId}.png`);
    if (
      await stat(file).then(
        () => true,
        () => false,
      )
    )
      continue;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, drawDemoImage(publicId));
    written++;
  }
  return written;
}

/** "homeser/demo/plumbing-3": hue from the category, layout from the number. */
export function drawDemoImage(publicId: string): Buffer {
  const name = publicId.slice(publicId.lastIndexOf('/') + 1);
  const [, slug = name, n = '1'] = /^(.*)-(\d+)$/.exec(name) ?? [];
  const hue = hash(slug) % 360;
  const variant = Number(n);
  const top = hsl(hue, 0.55, 0.72);
  const bottom = hsl((hue + 25 + variant * 7) % 360, 0.6, 0.42);
  const discs = Array.from({ length: 4 }, (_, i) => ({
    x: ((hash(`${name}x${i}`) % 100) / 100) * WIDTH,
    y: ((hash(`${name}y${i}`) % 100) / 100) * HEIGHT,
    r: 40 + (hash(`${name}r${i}`) % 90),
  }));
  const raw = Buffer.alloc((WIDTH * 3 + 1) * HEIGHT);
  for (let y = 0; y < HEIGHT; y++) {
    const row = y * (WIDTH * 3 + 1);
    raw[row] = 0; // filter: none
    const t = y / (HEIGHT - 1);
    for (let x = 0; x < WIDTH; x++) {
      let light = 0;
      for (const d of discs) if ((x - d.x) ** 2 + (y - d.y) ** 2 < d.r ** 2) light += 0.12;
      for (let c = 0; c < 3; c++) {
        const base = top[c]! * (1 - t) + bottom[c]! * t;
        raw[row + 1 + x * 3 + c] = Math.round(base + (255 - base) * Math.min(light, 0.5));
      }
    }
  }
  return png(raw);
}

function png(raw: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}
