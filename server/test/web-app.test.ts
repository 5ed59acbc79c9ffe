// Serving the built SPA: compressed, hashed assets cached for good, and index.html only
// for page navigations, so a missing asset or file is a 404 instead of the app.
import express from 'express';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveWebApp } from '../src/http/web-app';

const INDEX = `<!doctype html><html><head><title>HomeSer</title></head><body><div id="root"></div>${' '.repeat(2000)}</body></html>`;
const BUNDLE = `console.log(${JSON.stringify('x'.repeat(20_000))});`;
let dist: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'homeser-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), BUNDLE);
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const app = express();
  serveWebApp(app, dist);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

const page = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'sec-fetch-mode': 'navigate' };

it('answers a navigation to any app route with index.html, revalidated on every visit', async () => {
  for (const path of ['/', '/services/123', '/bookings/abc?payment=success', '/no/such/page']) {
    const res = await fetch(url + path, { headers: page });
    expect([path, res.status]).toEqual([path, 200]);
    expect(await res.text()).toContain('<div id="root">');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  }
});

it('answers 404, not the app, for a missing asset, favicon or robots.txt', async () => {
  for (const path of ['/assets/x.js', '/assets/index-Zz99.css', '/favicon.ico', '/robots.txt', '/sitemap.xml']) {
    const res = await fetch(url + path, { headers: page });
    expect([path, res.status]).toEqual([path, 404]);
    expect(await res.text()).not.toContain('<div id="root">');
  }
});

it('does not answer API-looking paths or non-HTML requests with the app', async () => {
  expect((await fetch(`${url}/graphql/x`, { headers: page })).status).toBe(404);
  expect((await fetch(`${url}/some/route`, { headers: { accept: 'application/json' } })).status).toBe(404);
});

it('caches hashed assets for good and serves them compressed with brotli or gzip', async () => {
  const br = await fetch(`${url}/assets/index-Ab12Cd34.js`, { headers: { 'accept-encoding': 'br' } });
  expect(br.status).toBe(200);
  expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(br.headers.get('content-encoding')).toBe('br');
  expect(await br.text()).toBe(BUNDLE); // fetch decodes it again

  const gzip = await fetch(`${url}/assets/index-Ab12Cd34.js`, { headers: { 'accept-encoding': 'gzip' } });
  expect(gzip.headers.get('content-encoding')).toBe('gzip');
  const html = await fetch(`${url}/services/1`, { headers: { ...page, 'accept-encoding': 'gzip' } });
  expect(html.headers.get('content-encoding')).toBe('gzip');
});
