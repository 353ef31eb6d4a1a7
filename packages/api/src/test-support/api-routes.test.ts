import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../app.ts';
import { CONTRACT_MODULES } from './api-routes.ts';

describe('the routes the typed test requests know', () => {
  it('include every /api/ operation of the OpenAPI document', () => {
    const known = new Set<string>();
    for (const module of Object.values(CONTRACT_MODULES)) {
      for (const value of Object.values(module)) {
        if (value && typeof value === 'object' && 'method' in value && 'path' in value && 'responses' in value) known.add(`${String(value.method).toUpperCase()} ${String(value.path)}`);
      }
    }
    const document: { paths: Record<string, Record<string, unknown>> } = JSON.parse(JSON.stringify(buildOpenApiDocument()));
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.length).toBeGreaterThan(150);
    expect(operations.filter((operation) => !known.has(operation))).toEqual([]);
  });
});
