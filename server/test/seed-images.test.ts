// The demo catalog shows real pictures: every `homeser/demo/...` image the seed references
// gets a file the local media route serves (all of them answered 404 before).
import { localMediaDir } from '../src/infra/media';
import { writeDemoImages } from '../src/seed/demo-images';
import { anOpenProvider } from './support/bookable';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

it('writes a PNG for every demo image a service references, and the media route serves it', async () => {
  const { serviceId } = await anOpenProvider(t);
  const publicIds = ['homeser/demo/plumbing-1', 'homeser/demo/plumbing-2', 'homeser/demo/cleaning-12'];
  await t.app.infra.prisma.serviceImage.createMany({ data: publicIds.map((publicId, position) => ({ serviceId, publicId, position })) });

  expect(await writeDemoImages(t.app.infra.prisma, localMediaDir(t.app.infra.config)!)).toBe(3);
  expect(await writeDemoImages(t.app.infra.prisma, localMediaDir(t.app.infra.config)!)).toBe(0); // already there

  const r = await t.gql(`query($id: ID!) { service(id: $id) { images { url(width: 480, height: 320) } } }`, { id: serviceId });
  const urls: string[] = r.data!.service.images.map((i: { url: string }) => i.url);
  expect(urls).toHaveLength(3);
  for (const url of urls) {
    const res = await fetch(url);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/png']);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(480); // IHDR width
  }
});
