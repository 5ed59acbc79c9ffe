// Media: the Cloudinary adapter against a local stand-in for Cloudinary's APIs (which
// checks signatures with Cloudinary's documented algorithm, written here on its own),
// and the embedded /media route over real HTTP with browser-style FormData uploads.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createCloudinaryMediaStore } from '../src/infra/media/cloudinary-media-store';
import { sniffImage } from '../src/infra/media/image-sniff';
import { createLocalMediaStore } from '../src/infra/media/local-media-store';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const FOLDER = 'homeser/providers/p1';
const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
const close = (server: Server) => new Promise((resolve) => server.close(resolve));
const body = async (req: IncomingMessage) => Buffer.concat(await req.toArray());

// Cloudinary's rule: every posted parameter except file, cloud_name, resource_type and
// api_key (and the signature itself), sorted by name, name=value joined with &, then
// the API secret appended; SHA-1, hex.
function cloudinarySignature(params: Record<string, string>, secret: string): string {
  const excluded = new Set(['file', 'cloud_name', 'resource_type', 'api_key', 'signature']);
  const names = Object.keys(params).filter((k) => !excluded.has(k) && params[k] !== '');
  const toSign = names
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return createHash('sha1')
    .update(toSign + secret)
    .digest('hex');
}

describe('Cloudinary media store', () => {
  const secret = 'sh-secret';
  const assets = new Map<string, { public_id: string; format: string; bytes: number }>();
  const seen: { params: Record<string, string>; signatureOk: boolean }[] = [];
  let standIn: Server;
  let prefix: string;

  beforeAll(async () => {
    standIn = createServer(async (req, res) => {
      const send = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      const upload = /^\/v1_1\/demo\/image\/upload$/.exec(req.url ?? '');
      const resource = /^\/v1_1\/demo\/resources\/image\/upload\/([^?]+)/.exec(req.url ?? '');
      if (req.method === 'POST' && upload) {
        const headers = { 'content-type': req.headers['content-type'] ?? '' };
        const form = await new Request('http://stand-in/', { method: 'POST', headers, body: await body(req) }).formData();
        const params = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
        const signatureOk = params.api_key === 'key1' && params.signature === cloudinarySignature(params, secret);
        seen.push({ params, signatureOk });
        if (!signatureOk) return send(401, { error: { message: 'Invalid Signature' } });
        const asset = { public_id: `${params.folder}/asset${seen.length}`, format: 'png', bytes: PNG_1X1.length };
        assets.set(asset.public_id, asset);
        return send(200, asset);
      }
      if (req.method === 'GET' && resource) {
        const basic = `Basic ${Buffer.from(`key1:${secret}`).toString('base64')}`; // the Admin API's auth
        if (req.headers.authorization !== basic) return send(401, { error: { message: 'Invalid credentials' } });
        const asset = assets.get(decodeURIComponent(resource[1]));
        return asset ? send(200, asset) : send(404, { error: { message: 'Resource not found' } });
      }
      send(404, { error: { message: 'unknown route' } });
    });
    prefix = await listen(standIn);
  });
  afterAll(() => close(standIn));

  const store = () => createCloudinaryMediaStore({ url: `cloudinary://key1:${secret}@demo`, uploadPrefix: prefix });

  it('uploads server-side through the SDK, signed the way Cloudinary documents', async () => {
    const result = await store().upload(`data:image/png;base64,${PNG_1X1.toString('base64')}`, FOLDER);
    expect(result.publicId).toMatch(new RegExp(`^${FOLDER}/`));
    const last = seen.at(-1)!;
    expect(last.signatureOk).toBe(true);
    expect(last.params).toMatchObject({ folder: FOLDER, allowed_formats: 'jpg,png,webp,gif,avif' });
    expect(last.params.timestamp).toMatch(/^\d+$/);
  });

  it('signs browser uploads that Cloudinary accepts, good for one hour', async () => {
    const now = new Date();
    const sig = store().signUpload({ folder: FOLDER, now });
    expect(sig.uploadUrl).toBe(`${prefix}/v1_1/demo/image/upload`);
    const fields = Object.fromEntries(sig.fields.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ api_key: 'key1', folder: FOLDER, allowed_formats: 'jpg,png,webp,gif,avif' });
    expect(fields.signature).toBe(cloudinarySignature(fields, secret));
    expect(sig.expiresAt.getTime()).toBe((Number(fields.timestamp) + 3600) * 1000);

    // The browser's post, as the SPA sends it: the stand-in accepts it and the asset verifies.
    const form = new FormData();
    for (const f of sig.fields) form.append(f.name, f.value);
    form.append('file', new Blob([PNG_1X1], { type: 'image/png' }), 'dot.png');
    const res = await fetch(sig.uploadUrl, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const { public_id } = (await res.json()) as { public_id: string };
    await expect(store().verifyAsset(public_id, FOLDER)).resolves.toBe(true);
  });

  it('verifies only existing assets inside the folder, within the size limit', async () => {
    assets.set(`${FOLDER}/known`, { public_id: `${FOLDER}/known`, format: 'jpg', bytes: 1000 });
    assets.set('homeser/providers/p2/theirs', { public_id: 'homeser/providers/p2/theirs', format: 'jpg', bytes: 1000 });
    assets.set(`${FOLDER}/huge`, { public_id: `${FOLDER}/huge`, format: 'jpg', bytes: 11 * 1024 * 1024 });
    const s = store();
    await expect(s.verifyAsset(`${FOLDER}/known`, FOLDER)).resolves.toBe(true);
    await expect(s.verifyAsset('homeser/providers/p2/theirs', FOLDER)).resolves.toBe(false);
    await expect(s.verifyAsset(`${FOLDER}/../p2/theirs`, FOLDER)).resolves.toBe(false);
    await expect(s.verifyAsset(`${FOLDER}/missing`, FOLDER)).resolves.toBe(false);
    await expect(s.verifyAsset(`${FOLDER}/huge`, FOLDER)).resolves.toBe(false);
  });

  it('builds delivery URLs with automatic format and quality and a fill crop, snapped to a preset size', () => {
    // 300×200 asked: the next preset width (320) at the nearest preset aspect (4:3).
    const url = store().url(`${FOLDER}/known`, { width: 300, height: 200 });
    expect(url).toMatch(/^https:\/\/res\.cloudinary\.com\/demo\/image\/upload\//);
    expect(url).toContain('f_auto,q_auto');
    expect(url).toMatch(/c_fill,(h_240,w_320|w_320,h_240)/);
    expect(url).toContain(`${FOLDER}/known`);
    expect(store().url(`${FOLDER}/known`)).not.toContain('c_fill');
  });

  it('reaches at most 31 distinct transformations of an image, whatever sizes are asked', () => {
    const urls = new Set<string>();
    for (let width = 0; width <= 4000; width += 37) {
      for (let height = 0; height <= 4000; height += 41) urls.add(store().url(`${FOLDER}/known`, { width, height }));
    }
    expect(urls.size).toBeLessThanOrEqual(31);
    expect(urls.size).toBeGreaterThan(5);
  });
});

describe('local media store and /media route', () => {
  const secret = 'local-secret';
  let dir: string;
  let server: Server;
  let store: ReturnType<typeof createLocalMediaStore>['store'];
  const maxBytes = 64 * 1024;

  beforeAll(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'homeser-media-')), '.data', 'media'); // like DATA_DIR's default
    const app = express();
    server = createServer(app);
    const publicUrl = await listen(server);
    const local = createLocalMediaStore({ dir, publicUrl, secret, maxBytes });
    store = local.store;
    app.use('/media', local.router);
  });
  afterAll(async () => {
    await close(server);
    await rm(join(dir, '..', '..'), { recursive: true, force: true });
  });

  const formFor = (fields: { name: string; value: string }[], file: Buffer, name = 'photo.png', type = 'image/png') => {
    const form = new FormData();
    for (const f of fields) form.append(f.name, f.value);
    form.append('file', new Blob([file], { type }), name);
    return form;
  };
  const post = (url: string, form: FormData) => fetch(url, { method: 'POST', body: form });
  const leftovers = async () => (await readdir(join(dir, FOLDER)).catch(() => [] as string[])).filter((n) => n.startsWith('.'));

  it('accepts a signed PNG upload and serves it back with long caching', async () => {
    const sig = store.signUpload({ folder: FOLDER, now: new Date() });
    const res = await post(sig.uploadUrl, formFor(sig.fields, PNG_1X1));
    expect(res.status).toBe(200);
    const json = (await res.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ format: 'png', bytes: PNG_1X1.length, width: 1, height: 1 });
    const publicId = json.public_id as string;
    expect(publicId).toMatch(new RegExp(`^${FOLDER}/[\\w-]+$`));
    await expect(store.verifyAsset(publicId, FOLDER)).resolves.toBe(true);
    await expect(store.verifyAsset(publicId, 'homeser/providers/p2')).resolves.toBe(false);

    const sized = store.url(publicId, { width: 320, height: 240 });
    expect(sized).toMatch(/\?w=320&h=240$/);
    const image = await fetch(sized);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect(image.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG_1X1)).toBe(true);
    expect((await fetch(`${sized.split('?')[0]}x`)).status).toBe(404);
  });

  it('parses a form that arrives a few bytes at a time, without a Content-Length', async () => {
    const sig = store.signUpload({ folder: FOLDER, now: new Date() });
    const encoded = new Request('http://x/', { method: 'POST', body: formFor(sig.fields, PNG_1X1) });
    const bytes = Buffer.from(await encoded.arrayBuffer());
    let at = 0;
    const trickle = new ReadableStream({
      async pull(c) {
        await new Promise((r) => setTimeout(r, 1)); // separate writes, so delimiters straddle chunks
        c.enqueue(bytes.subarray(at, (at += 7)));
        if (at >= bytes.length) c.close();
      },
    });
    const res = await fetch(sig.uploadUrl, {
      method: 'POST',
      body: trickle,
      headers: { 'content-type': encoded.headers.get('content-type')! },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ format: 'png', bytes: PNG_1X1.length });
  });

  it('refuses a wrong, missing or tampered signature with 403', async () => {
    const sig = store.signUpload({ folder: FOLDER, now: new Date() });
    const forged = sig.fields.map((f) => (f.name === 'signature' ? { ...f, value: 'a'.repeat(64) } : f));
    const otherFolder = sig.fields.map((f) => (f.name === 'folder' ? { ...f, value: 'homeser/providers/p2' } : f));
    for (const fields of [forged, sig.fields.filter((f) => f.name !== 'signature'), otherFolder]) {
      const res = await post(sig.uploadUrl, formFor(fields, PNG_1X1));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/signature/i);
    }
  });

  it('refuses an expired signature with 403', async () => {
    const sig = store.signUpload({ folder: FOLDER, now: new Date(Date.now() - 2 * 60 * 60 * 1000) });
    const res = await post(sig.uploadUrl, formFor(sig.fields, PNG_1X1));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/expired/i);
  });

  it('refuses a file over the limit with 413, whether or not the size was declared', async () => {
    const sig = store.signUpload({ folder: FOLDER, now: new Date() });
    const justOver = Buffer.concat([PNG_1X1, Buffer.alloc(maxBytes)]); // passes the Content-Length check, caught while streaming
    const farOver = Buffer.concat([PNG_1X1, Buffer.alloc(4 * 1024 * 1024)]); // refused from Content-Length alone
    for (const file of [justOver, farOver]) {
      const res = await post(sig.uploadUrl, formFor(sig.fields, file));
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
    }
    expect(await leftovers()).toEqual([]);
  });

  it('judges the type by content: a text file named .png is refused with 415', async () => {
    const sig = store.signUpload({ folder: FOLDER, now: new Date() });
    const res = await post(sig.uploadUrl, formFor(sig.fields, Buffer.from('hello, not an image at all\n'.repeat(10))));
    expect(res.status).toBe(415);
    expect(await leftovers()).toEqual([]);
  });
});

describe('image sniffing', () => {
  it('recognises images by their bytes and reads the size from the header', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 50, 0, 80, 3, 0, 0, 0]);
    const gif = Buffer.from([...Buffer.from('GIF89a'), 10, 0, 20, 0, 0, 0, 0]);
    const webp = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8X'), Buffer.alloc(8), Buffer.from([99, 0, 0, 49, 0, 0])]);
    const avif = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypmif1\0\0\0\0mif1avif')]);
    expect(sniffImage(PNG_1X1)).toEqual({ format: 'png', mime: 'image/png', width: 1, height: 1 });
    expect(sniffImage(jpeg)).toEqual({ format: 'jpg', mime: 'image/jpeg', width: 80, height: 50 });
    expect(sniffImage(gif)).toMatchObject({ format: 'gif', width: 10, height: 20 });
    expect(sniffImage(webp)).toMatchObject({ format: 'webp', width: 100, height: 50 });
    expect(sniffImage(avif)).toMatchObject({ format: 'avif', mime: 'image/avif' });
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});
