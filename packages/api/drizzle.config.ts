import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/modules/*/*/*.schema.ts', './src/modules/*/*/*.read-model.ts', './src/platform/platform.schema.ts', './src/platform/identity/*.schema.ts'],
  out: './drizzle',
});
