import { fileURLToPath } from 'node:url';
import { readEvalSet, SAMPLE_CATALOGUE } from './fixtures/eval-set.ts';
import { generateEvalSet } from './fixtures/generate-eval-set.ts';
import { evaluateSlaModel, formatEvaluation } from './sla-recommendation.evaluation.ts';
import { recommendSla } from './sla-recommendation.model.ts';

/**
 * `pnpm --filter @crm/api sla:eval`: the recommender against the committed, expert-labelled evaluation set.
 * `-- --seed N` evaluates on a freshly generated set instead (profiles the weights were never tuned on).
 * Exits 1 when the match rate is below the 95% target.
 */
export function runSlaEvaluation(argv: readonly string[]): number {
  const seedArg = argv.indexOf('--seed');
  const set = seedArg >= 0 ? generateEvalSet(Number(argv[seedArg + 1])) : readEvalSet();
  console.log(seedArg >= 0 ? `fresh set, seed ${set.seed} (not the committed fixture)` : `committed fixture fixtures/sla-eval-set.json, seed ${set.seed}`);
  const evaluation = evaluateSlaModel(set.cases, (profile) => recommendSla(profile, SAMPLE_CATALOGUE));
  console.log(formatEvaluation(evaluation));
  return evaluation.match_rate >= 0.95 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = runSlaEvaluation(process.argv.slice(2));
