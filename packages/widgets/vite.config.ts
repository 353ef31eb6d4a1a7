import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/**
 * Two builds into one `dist/` (the API serves it at `/widgets/`):
 * - default mode: the library, `dist/crm-widgets.js`, one ES module with lit and the SDK inside, so a plain page
 *   embeds it with a single `<script type="module">`;
 * - `--mode gallery`: the gallery page, `dist/index.html` + `dist/assets/`, with relative asset paths.
 */
const packageDir = fileURLToPath(new URL('.', import.meta.url));

// Roots are explicit: the tests build from the repository root (the root vitest config), not from this folder.
const library: UserConfig = {
  root: packageDir,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'crm-widgets.js',
    },
  },
};

const gallery: UserConfig = {
  root: `${packageDir}gallery`,
  base: './',
  build: {
    outDir: `${packageDir}dist`,
    emptyOutDir: false,
    target: 'es2022',
  },
};

export default defineConfig(({ mode }) => (mode === 'gallery' ? gallery : library));
