import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// The built app is served by the motcua server from web/dist (SPA fallback in src/app.ts).
// `manifest: true` writes dist/.vite/manifest.json, which the bundle-budget check reads to tell
// the portal's first-load chunks from the lazily loaded ones (docs/web.md, "Budget").
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 900,
    target: 'es2022',
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/open311': 'http://localhost:3000', '/docs': 'http://localhost:3000' } },
});
