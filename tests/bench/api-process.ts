import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_KEYS } from './bench-config.ts';

const apiDir = fileURLToPath(new URL('../../packages/api/', import.meta.url));

/** A running API child process; `exitCode` is null while it runs, `output` its last 8 kB of logs. */
export type ApiProcess = { baseUrl: string; pid: number; stop: () => Promise<void>; exitCode: () => number | null; output: () => string };

async function waitReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`API not ready after ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts `packages/api/src/server.ts` against a Postgres database with fixed bench keys and no demo seed,
 * and resolves once `/readyz` answers.
 * @example const api = await startApi({ databaseUrl, port: 3900 }); …; await api.stop();
 */
export async function startApi(options: { databaseUrl: string; port: number; poolSize?: number }): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      CRM_SEED: 'none',
      CRM_LOG_LEVEL: 'warn',
      CRM_DB_POOL_SIZE: String(options.poolSize ?? 10),
      // The contract scheduler sweeps all 150k contracts at start (renewal reminders, notifications):
      // minutes of background load that would land in the measurements.
      CRM_SCHEDULER_INTERVAL_MINUTES: '0',
      CRM_ESCALATION_INTERVAL_MINUTES: '0',
      // The nightly health recompute of 100k customers is measured on its own (bench/jobs.ts), not under the load runs.
      CRM_HEALTH_INTERVAL_MINUTES: '0',
      CRM_SUCCESS_PLAYS_INTERVAL_MINUTES: '0',
      CRM_WEBHOOK_INTERVAL_SECONDS: '0',
      CRM_SURVEY_INTERVAL_MINUTES: '0',
      CRM_SEGMENTS_INTERVAL_MINUTES: '0',
      CRM_JWT_SECRET: BENCH_KEYS.jwtSecret,
      CRM_ENCRYPTION_KEYS: BENCH_KEYS.encryptionKeys,
      CRM_BLIND_INDEX_KEY: BENCH_KEYS.blindIndexKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitReady(baseUrl, child, () => log, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid!, stop, exitCode: () => child.exitCode ?? (child.signalCode ? -1 : null), output: () => log };
}
