import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The portal shell, built to `dist/` and served by the API at `/` (relative asset paths, so another mount works).
 * `pnpm dev` proxies the API from `CRM_URL` (default http://127.0.0.1:3000). The root is this folder whatever the
 * working directory, so the root test run can build it too.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: { '/api': process.env.CRM_URL ?? 'http://127.0.0.1:3000' },
  },
});
