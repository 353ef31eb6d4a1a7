import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { createDb, type Db } from '../../../db/create-db.ts';
import { withTenant } from '../../../db/tenant-tx.ts';
import { loadConfig } from '../../../platform/config.ts';
import { createKeyRing, type KeyRing } from '../../../platform/crypto/key-ring.ts';
import { resolveSecrets } from '../../../platform/dev-secrets.ts';
import { ApiError } from '../../../platform/errors.ts';
import { createLogger } from '../../../platform/logger.ts';
import { systemScope } from '../../../platform/system-scope.ts';
import { tenants } from '../../../platform/identity/tenants.schema.ts';
import { storeChurnModel } from './churn-models.service.ts';
import { ChurnCsvError, parseChurnCsv } from './churn-csv.ts';
import { churnExamplesFromHistory, generateChurnHistory } from './churn-history.ts';
import { trainChurnModel, type ChurnExample } from './churn-model.ts';

export type CliIo = { out: (text: string) => void; err: (text: string) => void };
/** The database `--tenant` stores into; without it the command opens the one the server would (`DATABASE_URL`, else PGlite in `CRM_DATA_DIR`). */
export type CliDatabase = { db: Db; keyRing: KeyRing };

const USAGE = 'usage: churn:train -- (--csv file.csv | --generate [--seed N]) [--out model.json] [--target-recall 0.9] [--tenant <tenant code>]';
const defaultIo: CliIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };

/**
 * `pnpm --filter @crm/api churn:train -- --csv customers.csv` trains the churn model on a tenant's history;
 * `-- --generate [--seed N]` on the simulated history. Prints the backtest and writes
 * `{ parameters, metrics, trained_on }` (the `churn_models` columns) as JSON to stdout or to `--out`.
 * With `--tenant <code>` it also stores the model in that tenant's `churn_models` and makes it the active one
 * (the same `storeChurnModel` as `POST /api/v1/health/churn-models`). PGlite allows one process: stop the
 * server before storing into its data directory.
 * Resolves to the exit code: 0 trained (and stored), 1 bad data or unknown tenant, 2 bad arguments.
 * @example await run(['--generate', '--seed', '3', '--out', '/tmp/model.json']) // 0
 */
export async function run(argv: readonly string[], io: CliIo = defaultIo, database?: CliDatabase): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const valueOf = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const csvPath = valueOf('--csv');
  const generate = args.includes('--generate');
  const seed = Number(valueOf('--seed') ?? 1);
  const targetRecall = Number(valueOf('--target-recall') ?? 0.9);
  const outPath = valueOf('--out');
  const tenantCode = valueOf('--tenant');
  if ((args.includes('--tenant') && !tenantCode) || (csvPath === undefined) === !generate || !Number.isInteger(seed) || !(targetRecall > 0 && targetRecall <= 1)) {
    io.err(USAGE);
    return 2;
  }

  let examples: ChurnExample[];
  let trainedOn: Record<string, unknown>;
  try {
    if (csvPath !== undefined) {
      examples = parseChurnCsv(readFileSync(csvPath, 'utf8'));
      trainedOn = { source: 'csv', file: csvPath };
    } else {
      const history = generateChurnHistory({ seed });
      examples = churnExamplesFromHistory(history);
      trainedOn = { source: 'generator', seed, start: history.start, days: history.days, horizon_days: 180 };
    }
  } catch (error) {
    io.err(error instanceof ChurnCsvError ? error.message : `cannot read ${csvPath}: ${(error as Error).message}`);
    return 1;
  }

  const started = performance.now();
  let trained: ReturnType<typeof trainChurnModel>;
  try {
    trained = trainChurnModel(examples, { seed, targetRecall });
  } catch (error) {
    io.err((error as Error).message);
    return 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const customers = new Set(examples.map((e, i) => e.customer ?? `#${i}`)).size;
  const model = {
    parameters: trained.parameters,
    metrics: trained.backtest,
    trained_on: { ...trainedOn, customers, examples: examples.length, churned_examples: examples.filter((e) => e.churned).length, target_recall: targetRecall, trained_at: new Date().toISOString() },
  };
  const report = outPath === undefined ? io.err : io.out;
  report(formatBacktest(trained.backtest, seconds, customers, examples.length, trained.parameters.high_risk_threshold));
  if (outPath === undefined) io.out(JSON.stringify(model, null, 2));
  else writeFileSync(outPath, `${JSON.stringify(model, null, 2)}\n`);
  return tenantCode === undefined ? 0 : storeForTenant(tenantCode, model, io, database);
}

async function storeForTenant(code: string, model: object, io: CliIo, database?: CliDatabase): Promise<number> {
  let opened: { close: () => Promise<void> } | undefined;
  let target = database;
  if (!target) {
    const config = loadConfig(process.env);
    const handle = config.DATABASE_URL ? await createDb({ kind: 'postgres', url: config.DATABASE_URL, poolSize: 1 }) : await createDb({ kind: 'pglite', dataDir: config.CRM_DATA_DIR });
    const secrets = resolveSecrets(config, createLogger('error'));
    opened = handle;
    target = { db: handle.db, keyRing: createKeyRing({ keys: secrets.encryptionKeys, blindIndexKey: secrets.blindIndexKey }) };
  }
  try {
    const [tenant] = await target.db.select({ id: tenants.id, settings: tenants.settings }).from(tenants).where(eq(tenants.code, code));
    if (!tenant) {
      io.err(`no tenant with code ${code}`);
      return 1;
    }
    const { db, keyRing } = target;
    const stored = await withTenant(db, tenant.id, (tx) => storeChurnModel(systemScope(tx, tenant.id, keyRing, tenant.settings, 'churn-train'), model));
    io.err(`stored as churn model ${stored.id} of tenant ${code}; active from the next health recomputation`);
    return 0;
  } catch (error) {
    io.err(error instanceof ApiError ? `${error.code}: ${JSON.stringify(error.details)}` : (error as Error).message);
    return 1;
  } finally {
    await opened?.close();
  }
}

function formatBacktest(b: ReturnType<typeof trainChurnModel>['backtest'], seconds: number, customers: number, examples: number, threshold: number): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return [
    `trained on ${examples} examples of ${customers} customers in ${seconds.toFixed(2)} s; high-risk threshold p ≥ ${threshold.toFixed(4)}`,
    `held-out backtest (${b.test_size} examples, ${b.churners_in_test} churned; train ${b.train_size}):`,
    `  ROC-AUC ${b.roc_auc.toFixed(3)}  recall(high risk) ${pct(b.recall_high_risk)}  precision ${pct(b.precision_high_risk)}  flagged ${pct(b.high_risk_share)}`,
    b.lead_time_recall_60d === undefined ? '  lead time: not measurable (no as_of/churned_on dates)' : `  churners in the high-risk band ≥ 60 days before leaving: ${pct(b.lead_time_recall_60d)}`,
    ...(b.churners_in_test < 30 ? [`  warning: only ${b.churners_in_test} churned examples held out — these figures are not reliable; train on more history`] : []),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await run(process.argv.slice(2));
