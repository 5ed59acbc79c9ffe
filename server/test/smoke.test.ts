import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

it('answers health and readiness', async () => {
  expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  const ready = await fetch(`${t.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ database: true, redis: 'up' });
});
