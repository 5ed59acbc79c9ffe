import { defineConfig } from 'vitest/config';

// Unit tests of the SPA's own logic live beside it in src/; web/e2e/ is Playwright's.
export default defineConfig({ test: { include: ['src/**/*.test.{ts,tsx}'], environment: 'node' } });
