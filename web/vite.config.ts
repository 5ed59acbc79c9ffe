import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the SPA runs on Vite's server and proxies the API (HTTP and WebSocket).
export default defineConfig({
  plugins: [react()],
  // Every browser the SPA supports preloads modules itself: no polyfill in the first load.
  build: { modulePreload: { polyfill: false } },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/media': 'http://127.0.0.1:4000',
      '/schema.graphql': 'http://127.0.0.1:4000',
    },
  },
});
