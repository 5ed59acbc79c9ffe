import { startTestApp } from '../support/test-app';
(async () => {
  const t = await startTestApp();
  await fetch(`${t.url}/readyz`).then((r) => r.text());
  const s = Date.now();
  const app = t.app as unknown as { stop(): Promise<void> };
  const steps = setInterval(() => console.log('waiting', Date.now() - s), 2000);
  try {
    await app.stop();
    console.log('stopped ok', Date.now() - s);
  } catch (err) {
    console.log('STOP FAILED', err);
  }
  clearInterval(steps);
  process.exit(0);
})();
