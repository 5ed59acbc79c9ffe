// The embedded default: images kept under a data directory and served by this server.
// Browsers post to POST /media/upload exactly as they would to Cloudinary: a
// multipart/form-data form with the signed fields from signUpload and the `file`.
//
// Multipart is parsed here (no busboy in the tree) as a stream: memory stays flat and an
// oversized upload is refused as it crosses the limit. As with an S3 POST policy the file
// must be the last part (FormData keeps append order), so the signature is checked
// before a single file byte touches the disk.
//
// GET /media/<publicId>?w=&h= serves the original: there is no image library here, so
// the size is only passed through (the same URL shape works when Cloudinary resizes).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import { MIME_BY_FORMAT, SNIFF_BYTES, sniffImage, type SniffedImage } from './image-sniff';
import type { ImageFormat, MediaStore } from './media-store';
import { ALLOWED_FORMATS, MEDIA_MAX_BYTES, assertSafeFolder, encodePublicId, isInFolder, isSafePath, snapSize } from './media-store';

export interface LocalMediaStoreOptions {
  /** Where files live, e.g. <DATA_DIR>/media. */
  dir: string;
  /** This server's public origin; the router must be mounted at `${publicUrl}/media`. */
  publicUrl: string;
  /** Key for the upload signatures (HMAC-SHA256). */
  secret: string;
  maxBytes?: number;
  /** Where unexpected failures (disk full, permissions) are reported; clients only see a 500. */
  log?: { error(details: object, message: string): void };
}

const LIFETIME_SECONDS = 60 * 60; // as Cloudinary: a signature is good for an hour
const HEAD_BYTES = 64 * 1024; // kept in memory to read the dimensions (JPEG EXIF can be long)
const FORM_OVERHEAD = 64 * 1024; // the other parts and boundaries, beyond the file itself
const SIGNED_FIELDS = ['expires', 'folder', 'timestamp'] as const;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
const tooLarge = (max: number) => new HttpError(413, `The file is larger than ${max} bytes`);

export function createLocalMediaStore(options: LocalMediaStoreOptions): { store: MediaStore; router: Router } {
  const { dir, secret } = options;
  const maxBytes = options.maxBytes ?? MEDIA_MAX_BYTES;
  const base = `${options.publicUrl.replace(/\/+$/, '')}/media`;
  const sign = (params: Record<(typeof SIGNED_FIELDS)[number], string>) =>
    createHmac('sha256', secret)
      .update(SIGNED_FIELDS.map((k) => `${k}=${params[k]}`).join('&'))
      .digest('hex');

  // Public ids carry no extension (as on Cloudinary), so the file is found by trying each.
  async function findFile(publicId: string): Promise<{ file: string; format: ImageFormat } | null> {
    if (!isSafePath(publicId)) return null;
    for (const format of ALLOWED_FORMATS) {
      const file = `${publicId}.${format}`;
      if (
        await stat(join(dir, file)).then(
          (s) => s.isFile(),
          () => false,
        )
      )
        return { file, format };
    }
    return null;
  }

  const store: MediaStore = {
    kind: 'local',
    signUpload({ folder, now }) {
      assertSafeFolder(folder);
      const timestamp = Math.floor(now.getTime() / 1000);
      const params = { expires: String(timestamp + LIFETIME_SECONDS), folder, timestamp: String(timestamp) };
      return {
        uploadUrl: `${base}/upload`,
        fields: [...Object.entries(params).map(([name, value]) => ({ name, value })), { name: 'signature', value: sign(params) }],
        expiresAt: new Date((timestamp + LIFETIME_SECONDS) * 1000),
      };
    },
    async verifyAsset(publicId, folder) {
      return isInFolder(publicId, folder) && (await findFile(publicId)) !== null;
    },
    url(publicId, size) {
      const snapped = snapSize(size);
      const query = Object.entries({ w: snapped.width, h: snapped.height }).filter(([, v]) => v);
      return `${base}/${encodePublicId(publicId)}${query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`;
    },
  };

  // Checked when the file part begins: every signed field present, untampered, unexpired.
  function checkSignature(fields: Map<string, string>): string {
    const [expires, folder, timestamp, given] = ['expires', 'folder', 'timestamp', 'signature'].map((k) => fields.get(k) ?? '');
    if (!expires || !folder || !timestamp || !given) {
      throw new HttpError(403, 'Missing upload signature: send folder, timestamp, expires and signature before the file');
    }
    const expected = Buffer.from(sign({ expires, folder, timestamp }));
    const actual = Buffer.from(given);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new HttpError(403, 'Invalid upload signature');
    if (Number(expires) * 1000 < Date.now()) throw new HttpError(403, 'Upload signature expired; request a new one');
    if (!isSafePath(folder)) throw new HttpError(403, 'Invalid upload folder');
    return folder;
  }

  async function receive(req: Request) {
    const boundary = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
    if (!boundary) throw new HttpError(400, 'Send the upload as multipart/form-data');
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + FORM_OVERHEAD) throw tooLarge(maxBytes);
    const fields = new Map<string, string>();
    const id = randomBytes(12).toString('base64url');
    const f = { folder: '', tmp: '', fh: undefined as FileHandle | undefined, image: null as SniffedImage | null, stored: false };
    const data = { bytes: 0, head: Buffer.alloc(0), pending: [] as Buffer[] };

    // The type is decided from the first bytes, before anything is written.
    const startWriting = async () => {
      f.image = sniffImage(data.head);
      if (!f.image) throw new HttpError(415, `Only images are accepted (${ALLOWED_FORMATS.join(', ')}), judged by content`);
      await mkdir(join(dir, f.folder), { recursive: true });
      f.tmp = join(dir, f.folder, `.${id}.part`);
      f.fh = await open(f.tmp, 'wx');
      await writeAll(f.fh, Buffer.concat(data.pending.splice(0)));
    };

    try {
      await readMultipart(limited(req, maxBytes), boundary[1] ?? boundary[2], {
        field(name, value) {
          if (![...SIGNED_FIELDS, 'signature'].includes(name)) throw new HttpError(400, `Unexpected form field "${name}"`);
          fields.set(name, value);
        },
        fileStart(name) {
          if (name !== 'file' || f.folder) throw new HttpError(400, 'Send exactly one file, in the field "file", as the last part');
          f.folder = checkSignature(fields);
        },
        async fileData(chunk) {
          data.bytes += chunk.length;
          if (data.bytes > maxBytes) throw tooLarge(maxBytes);
          if (data.head.length < HEAD_BYTES) data.head = Buffer.concat([data.head, chunk.subarray(0, HEAD_BYTES - data.head.length)]);
          if (f.fh) return writeAll(f.fh, chunk);
          data.pending.push(chunk);
          if (data.head.length >= SNIFF_BYTES) await startWriting();
        },
        async fileEnd() {
          if (!f.fh) await startWriting(); // a file shorter than SNIFF_BYTES
        },
      });
      if (!f.fh || !f.image) throw new HttpError(400, 'The form has no file');
      await f.fh.close();
      f.fh = undefined;
      await rename(f.tmp, join(dir, f.folder, `${id}.${f.image.format}`));
      f.stored = true;
      const publicId = `${f.folder}/${id}`;
      const { format, width, height } = f.image;
      return { public_id: publicId, resource_type: 'image', format, bytes: data.bytes, width, height, secure_url: store.url(publicId) };
    } finally {
      await f.fh?.close().catch(() => undefined);
      if (f.tmp && !f.stored) await unlink(f.tmp).catch(() => undefined);
    }
  }

  const router = Router();
  router.post('/upload', async (req: Request, res: Response) => {
    try {
      res.json(await receive(req));
    } catch (err) {
      if (!(err instanceof HttpError)) options.log?.error({ err }, 'media upload failed');
      const { status, message } = err instanceof HttpError ? err : new HttpError(500, 'The upload could not be stored');
      // The rest of the body is not wanted: close the connection instead of reading it.
      res.status(status).set('Connection', 'close').json({ error: { message } });
    }
  });
  router.get('/*publicId', async (req: Request, res: Response) => {
    const segments = (req.params as Record<string, string[] | undefined>).publicId ?? [];
    const found = await findFile(segments.join('/'));
    if (!found) return void res.status(404).json({ error: { message: 'No such image' } });
    // The type sniffed at upload; cross-origin since the SPA may be on another origin (Vercel).
    res.type(MIME_BY_FORMAT[found.format]).set({ 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    // A public id never gets other bytes: cache for good. `root` spares ".data/" send's dotfile check.
    res.sendFile(found.file, { root: dir, maxAge: '365d', immutable: true }, (err) => {
      if (err && !res.headersSent) res.status(404).json({ error: { message: 'No such image' } });
    });
  });
  return { store, router };
}

// Counts every byte of the body, not just the file, so padding cannot get round the limit.
// Not destroying the request on return keeps the socket open for the error response.
async function* limited(req: Request, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    total += (chunk as Buffer).length;
    if (total > maxBytes + FORM_OVERHEAD) throw tooLarge(maxBytes);
    yield chunk as Buffer;
  }
}

async function writeAll(fh: FileHandle, data: Buffer): Promise<void> {
  for (let at = 0; at < data.length;) at += (await fh.write(data, at)).bytesWritten;
}

// ---- multipart/form-data (RFC 7578). Each part ends at CRLF "--boundary"; its bytes are passed
// on as they arrive, holding back only what could be the start of that delimiter.
interface MultipartHandlers {
  field(name: string, value: string): void;
  fileStart(name: string): void;
  fileData(chunk: Buffer): Promise<void>;
  fileEnd(): Promise<void>;
}

async function readMultipart(body: AsyncIterable<Buffer>, boundary: string, h: MultipartHandlers): Promise<void> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const malformed = (why: string) => new HttpError(400, `Malformed multipart form: ${why}`);
  let buf = Buffer.from('\r\n'); // so the first boundary matches the same delimiter as the others
  let state: 'preamble' | 'next' | 'headers' | 'body' | 'done' = 'preamble';
  let part = { name: '', filename: undefined as string | undefined };
  let field: Buffer[] = [];
  const emit = async (data: Buffer) => {
    if (part.filename !== undefined) return data.length ? h.fileData(data) : undefined;
    field.push(data);
    if (field.reduce((n, b) => n + b.length, 0) > 1024) throw malformed(`field "${part.name}" is too long`);
  };
  for await (const chunk of body) {
    buf = Buffer.concat([buf, chunk]);
    while (state !== 'done') {
      if (state === 'preamble' || state === 'body') {
        const at = buf.indexOf(delimiter);
        const end = at === -1 ? Math.max(0, buf.length - delimiter.length + 1) : at;
        if (state === 'body') await emit(buf.subarray(0, end));
        if (at === -1) {
          buf = buf.subarray(end);
          break;
        }
        if (state === 'body') await (part.filename !== undefined ? h.fileEnd() : h.field(part.name, Buffer.concat(field).toString('utf8')));
        buf = buf.subarray(at + delimiter.length);
        state = 'next';
      } else if (state === 'next') {
        if (buf.length < 2) break;
        const after = buf.toString('latin1', 0, 2);
        if (after !== '--' && after !== '\r\n') throw malformed('bad boundary line');
        state = after === '--' ? 'done' : 'headers';
        buf = buf.subarray(2);
      } else {
        const end = buf.indexOf('\r\n\r\n');
        if (end === -1 && buf.length > 8192) throw malformed('part headers too long');
        if (end === -1) break;
        const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(buf.toString('utf8', 0, end))?.[1] ?? '';
        const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
        if (name === undefined) throw malformed('a part without a name');
        part = { name, filename: /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] };
        if (part.filename !== undefined) h.fileStart(name);
        field = [];
        buf = buf.subarray(end + 4);
        state = 'body';
      }
    }
    if (state === 'done') return; // the epilogue, if any, is ignored
  }
  throw malformed('the body ended before the closing boundary');
}
