import fc from 'fast-check';
import { buildOpenApiDocument } from './app.ts';
import { contractOperations, requestArbitrary } from './test-support/openapi-arbitraries.ts';
const doc: any = buildOpenApiDocument();
const op = contractOperations(doc).find((o) => o.id === (process.argv[2] ?? 'createSurveyTemplate'))!;
const arb = requestArbitrary(doc, op, { ids: { pick: (_r, n) => 1 + (n % 5) }, taint: (process.argv[4] ?? 'one') as any, callers: fc.constant('admin') });
for (const r of fc.sample(arb, { numRuns: Number(process.argv[3] ?? 3), seed: 1 })) console.log(r.url.slice(0, 200), JSON.stringify(r.body?.slice(0, 300)));
