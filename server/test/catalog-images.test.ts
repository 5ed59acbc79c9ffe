// Service images end to end: signed upload parameters from the API, the browser's upload
// to the media store, recording the image, and its delivery URL. Once with the embedded
// /media route, once with Cloudinary played by a local stand-in.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aCustomer } from './support/accounts';
import { codes, startTestApp, type TestApp } from './support/test-app';
import { aCategory, aProvider, aService, type ProviderAccount } from './catalog-builders';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const SIGN = `mutation($serviceId: ID) { createImageUpload(serviceId: $serviceId) { uploadUrl expiresAt fields { name value } } }`;
const ADD = `mutation($serviceId: ID!, $publicId: String!) {
  addServiceImage(serviceId: $serviceId, publicId: $publicId) { id images { id publicId url(width: 320, height: 240) } }
}`;
const REORDER = `mutation($serviceId: ID!, $imageIds: [ID!]!) {
  reorderServiceImages(serviceId: $serviceId, imageIds: $imageIds) { images { id } }
}`;
const REMOVE = `mutation($serviceId: ID!, $imageId: ID!) { removeServiceImage(serviceId: $serviceId, imageId: $imageId) { images { id } } }`;

interface Signature {
  uploadUrl: string;
  fields: { name: string; value: string }[];
}

async function signFor(t: TestApp, who: ProviderAccount, serviceId: string | null): Promise<Signature> {
  const r = await t.gql(SIGN, { serviceId }, { token: who.token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.createImageUpload;
}

/** Posts the file the way a browser does: the signed fields, then the file last. */
async function upload(sig: Signature): Promise<string> {
  const form = new FormData();
  for (const f of sig.fields) form.append(f.name, f.value);
  form.append('file', new Blob([PNG_1X1], { type: 'image/png' }), 'photo.png');
  const res = await fetch(sig.uploadUrl, { method: 'POST', body: form });
  expect(res.status).toBe(200);
  return ((await res.json()) as { public_id: string }).public_id;
}

describe('avatars', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());
  const SET_AVATAR = `mutation($id: String) { updateProfile(input: { avatarPublicId: $id }) { avatarUrl } }`;

  it('accepts only an image the media store issued to this user, and serves it', async () => {
    const me = await aCustomer(t);
    const signed = await t.gql(`mutation { createAvatarUpload { uploadUrl fields { name value } } }`, {}, { token: me.token });
    const sig = signed.data!.createAvatarUpload as Signature;
    expect(sig.fields).toEqual(expect.arrayContaining([{ name: 'folder', value: `homeser/users/${me.id}` }]));
    const publicId = await upload(sig);
    const set = await t.gql(SET_AVATAR, { id: publicId }, { token: me.token });
    expect(set.errors).toBeUndefined();
    expect(set.data!.updateProfile.avatarUrl).toContain(`/media/${publicId}`);
    // Clearing is always allowed.
    expect((await t.gql(SET_AVATAR, { id: null }, { token: me.token })).data!.updateProfile.avatarUrl).toBeNull();
  });

  it.each([
    ['someone else’s upload', (other: string) => `homeser/users/${other}/photo`],
    ['a path outside the uploads', () => '../../etc/passwd'],
    ['an id the store never issued', () => 'avatars/celebrity'],
  ])('refuses %s with BAD_USER_INPUT on avatarPublicId, leaving the avatar as it was', async (_what, idFor) => {
    const me = await aCustomer(t);
    const other = await aCustomer(t);
    const otherSig = await t.gql(`mutation { createAvatarUpload { uploadUrl fields { name value } } }`, {}, { token: other.token });
    const theirs = await upload(otherSig.data!.createAvatarUpload as Signature);
    const id = idFor(other.id) === `homeser/users/${other.id}/photo` ? theirs : idFor(other.id);
    const r = await t.gql(SET_AVATAR, { id }, { token: me.token });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions!.field).toBe('avatarPublicId');
    expect((await t.app.infra.prisma.user.findUniqueOrThrow({ where: { id: me.id } })).avatarPublicId).toBeNull();
  });

  it('encodes a stored public id when it builds a URL', () => {
    expect(t.app.services.media.url('homeser/users/x/a b?c', { width: 100 })).toMatch(/\/homeser\/users\/x\/a%20b%3Fc\?w=160$/);
  });
});

describe('with the embedded media store', () => {
  let t: TestApp;
  let owner: ProviderAccount;
  let serviceId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await aProvider(t);
    serviceId = await aService(t, owner, { categoryId: await aCategory(t) });
  });
  afterAll(() => t.stop());

  it('uploads, records and serves an image, then removes it', async () => {
    const sig = await signFor(t, owner, serviceId);
    expect(sig.fields).toEqual(expect.arrayContaining([{ name: 'folder', value: `homeser/providers/${owner.providerId}` }]));
    const publicId = await upload(sig);

    const added = await t.gql(ADD, { serviceId, publicId }, { token: owner.token });
    expect(added.errors).toBeUndefined();
    const [image] = added.data!.addServiceImage.images;
    expect(image).toMatchObject({ publicId, url: expect.stringMatching(/\/media\/.+\?w=320&h=240$/) });
    const served = await fetch(image.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');

    // Anyone reading the service sees it; the owner can take it off again.
    const read = await t.gql(`query($id: ID!) { service(id: $id) { images { publicId } } }`, { id: serviceId });
    expect(read.data!.service.images).toEqual([{ publicId }]);
    const removed = await t.gql(REMOVE, { serviceId, imageId: image.id }, { token: owner.token });
    expect(removed.data!.removeServiceImage.images).toEqual([]);
    expect(codes(await t.gql(REMOVE, { serviceId, imageId: image.id }, { token: owner.token }))).toEqual(['NOT_FOUND']);
  });

  it('shows the images in the order the provider puts them; a list that does not name each once changes nothing', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const added = await t.gql(ADD, { serviceId, publicId: await upload(await signFor(t, owner, serviceId)) }, { token: owner.token });
      ids.push((added.data!.addServiceImage.images as { id: string }[]).at(-1)!.id);
    }
    const [a, b, c] = ids as [string, string, string];
    const reordered = await t.gql(REORDER, { serviceId, imageIds: [c, a, b] }, { token: owner.token });
    expect(reordered.errors).toBeUndefined();
    expect(reordered.data!.reorderServiceImages.images).toEqual([{ id: c }, { id: a }, { id: b }]);
    // Customers see that order too.
    const read = await t.gql(`query($id: ID!) { service(id: $id) { images { id } } }`, { id: serviceId });
    expect(read.data!.service.images).toEqual([{ id: c }, { id: a }, { id: b }]);

    for (const imageIds of [
      [c, a],
      [c, a, a],
      [c, a, b, '00000000-0000-4000-8000-000000000000'],
    ]) {
      const r = await t.gql(REORDER, { serviceId, imageIds }, { token: owner.token });
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'imageIds' });
    }
    const other = await aProvider(t);
    expect(codes(await t.gql(REORDER, { serviceId, imageIds: [a, b, c] }, { token: other.token }))).toEqual(['FORBIDDEN']);
    const after = await t.gql(`query($id: ID!) { service(id: $id) { images { id } } }`, { id: serviceId });
    expect(after.data!.service.images).toEqual([{ id: c }, { id: a }, { id: b }]);
    for (const imageId of ids) await t.gql(REMOVE, { serviceId, imageId }, { token: owner.token });
  });

  it("refuses an image outside the provider's folder, or never uploaded", async () => {
    const other = await aProvider(t);
    const sig = await signFor(t, other, null);
    const theirs = await upload(sig);
    for (const publicId of [theirs, `homeser/providers/${owner.providerId}/never-uploaded`, `homeser/providers/${owner.providerId}/../x`]) {
      const r = await t.gql(ADD, { serviceId, publicId }, { token: owner.token });
      expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publicId' });
    }
    expect(await t.app.infra.prisma.serviceImage.count({ where: { serviceId } })).toBe(0);
  });

  it("keeps strangers off a provider's service images", async () => {
    const other = await aProvider(t);
    expect(codes(await t.gql(SIGN, { serviceId }, { token: other.token }))).toEqual(['FORBIDDEN']);
    const customer = await aCustomer(t);
    expect(codes(await t.gql(SIGN, { serviceId: null }, { token: customer.token }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.gql(ADD, { serviceId, publicId: 'homeser/providers/x/y' }, { token: other.token }))).toEqual(['FORBIDDEN']);
  });
});

describe('with Cloudinary (a local stand-in for its upload and Admin APIs)', () => {
  const secret = 'stand-in-secret';
  const assets = new Map<string, { public_id: string; format: string; bytes: number }>();
  let standIn: Server;
  let t: TestApp;

  // Cloudinary's documented rule: the posted params but file, cloud_name, resource_type,
  // api_key and signature, sorted, name=value joined by &, the secret appended, SHA-1.
  const signatureOf = (params: Record<string, string>) =>
    createHash('sha1')
      .update(
        Object.keys(params)
          .filter((k) => !['file', 'cloud_name', 'resource_type', 'api_key', 'signature'].includes(k))
          .sort()
          .map((k) => `${k}=${params[k]}`)
          .join('&') + secret,
      )
      .digest('hex');

  beforeAll(async () => {
    standIn = createServer(async (req, res) => {
      const send = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      const resource = /^\/v1_1\/demo\/resources\/image\/upload\/([^?]+)/.exec(req.url ?? '');
      if (req.method === 'POST' && req.url === '/v1_1/demo/image/upload') {
        const body = Buffer.concat(await req.toArray());
        const form = await new Request('http://x/', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type']! },
          body,
        }).formData();
        const params = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
        if (params.signature !== signatureOf(params)) return send(401, { error: { message: 'Invalid Signature' } });
        const asset = { public_id: `${params.folder}/a${assets.size}`, format: 'png', bytes: PNG_1X1.length };
        assets.set(asset.public_id, asset);
        return send(200, asset);
      }
      const asset = resource && assets.get(decodeURIComponent(resource[1]!));
      return asset ? send(200, asset) : send(404, { error: { message: 'Resource not found' } });
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    const prefix = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
    t = await startTestApp({ env: { CLOUDINARY_URL: `cloudinary://key1:${secret}@demo`, CLOUDINARY_UPLOAD_PREFIX: prefix } });
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => standIn.close(resolve));
  });

  it('signs an upload Cloudinary accepts, verifies the asset and builds a transformed URL', async () => {
    const owner = await aProvider(t);
    const serviceId = await aService(t, owner, { categoryId: await aCategory(t) });
    const publicId = await upload(await signFor(t, owner, serviceId));
    expect(publicId).toMatch(new RegExp(`^homeser/providers/${owner.providerId}/`));

    const added = await t.gql(ADD, { serviceId, publicId }, { token: owner.token });
    expect(added.errors).toBeUndefined();
    const url: string = added.data!.addServiceImage.images[0].url;
    expect(url).toMatch(/^https:\/\/res\.cloudinary\.com\/demo\/image\/upload\//);
    expect(url).toContain('f_auto,q_auto');
    expect(url).toMatch(/c_fill,(h_240,w_320|w_320,h_240)/);
    expect(url.endsWith(publicId)).toBe(true);

    // Uploaded, but into another provider's folder: refused.
    const other = await aProvider(t);
    const theirs = await upload(await signFor(t, other, null));
    expect(codes(await t.gql(ADD, { serviceId, publicId: theirs }, { token: owner.token }))).toEqual(['BAD_USER_INPUT']);
  });
});
