// The web app's build: React + Mantine into apps/web/dist, which every node serves (SPEC §6, stack.md §2.9).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  // Workspace packages are bundled from their TypeScript sources, as vitest and tsx read them.
  resolve: { conditions: ['@cds/source'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline scripts or data URLs for code: the page's CSP allows scripts from 'self' only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    sourcemap: true,
  },
  server: {
    // `npm run dev:web` against a running node: the API and the session cookie stay same-origin.
    proxy: { '/api': process.env.CDS_WEB_API ?? 'http://127.0.0.1:8701' },
  },
});
