import type { Logger } from './logger.ts';

/**
 * Runs `run` now and then every `intervalMs` until stopped, the way every scheduled job of the module
 * runs (contract schedule, complaint escalations, health recomputation, task reminders): a run that is
 * still going when the next is due is skipped in this process, a failure is logged and the next run
 * tries again, and the timer does not keep the process alive. Safety across replicas is each job's own.
 * @example const stop = startPeriodicJob('health recompute', 300_000, (now) => runHealthRecompute(deps, now), logger); … stop();
 */
export function startPeriodicJob(name: string, intervalMs: number, run: (now: Date) => Promise<unknown>, logger?: Logger): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      logger?.info({ report: await run(new Date()) }, `${name} done`);
    } catch (error) {
      logger?.error({ err: error }, `${name} failed`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
