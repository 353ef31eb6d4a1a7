// autocannon ships no types and @types/autocannon is not in the lockfile; the few fields used are typed below.
// @ts-expect-error untyped CommonJS module
import autocannon from 'autocannon';

/** One request of a scenario, built fresh for every call (random ids, unique names). */
export type RequestSpec = { method: 'GET' | 'POST'; path: string; body?: string };

/** A load test: `overallRate` makes it open loop (fixed offered rate), otherwise closed loop. */
export type LoadSpec = {
  label: string;
  baseUrl: string;
  token: string;
  next: () => RequestSpec;
  connections: number;
  durationSeconds: number;
  overallRate?: number;
};

/** A request still unanswered after this long counts as a timeout (and as infinitely slow in percentiles). */
export const TIMEOUT_SECONDS = 30;

/** Throughput and latency of 2xx responses (our own samples, not autocannon's rate-corrected histogram). */
export type LoadResult = {
  label: string;
  mode: 'closed' | 'open';
  connections: number;
  offeredRate: number | null;
  durationSeconds: number;
  ok: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: Record<string, number>;
  /** Why a run was not made (its figures are then NaN). */
  skipped?: string;
};

type AutocannonResult = { duration: number; errors: number; timeouts: number };
type AutocannonInstance = { on: (event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void) => void };

/** The q-quantile of ascending samples (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * Runs autocannon against the API with a bearer token and per-request setup, and reports req/s and
 * p50/p95/p99 of successful responses. autocannon's own histogram "corrects" for coordinated omission
 * with a per-connection interval in the wrong unit under `overallRate`, so latencies are sampled here.
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const samples: number[] = [];
  const non2xx: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance: AutocannonInstance = autocannon(
      {
        url: spec.baseUrl,
        connections: spec.connections,
        duration: spec.durationSeconds,
        timeout: TIMEOUT_SECONDS,
        overallRate: spec.overallRate,
        headers: { authorization: `Bearer ${spec.token}`, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest(request: Record<string, unknown>) {
              const next = spec.next();
              return { ...request, method: next.method, path: next.path, body: next.body };
            },
          },
        ],
      },
      (error: Error | null, result: AutocannonResult) => {
        if (error) return reject(error);
        samples.sort((a, b) => a - b);
        // A timed-out request was slower than any answered one: it must count against the percentiles.
        for (let i = 0; i < result.timeouts; i++) samples.push(Number.POSITIVE_INFINITY);
        const ok = samples.length - result.timeouts;
        resolve({
          label: spec.label,
          mode: spec.overallRate ? 'open' : 'closed',
          connections: spec.connections,
          offeredRate: spec.overallRate ?? null,
          durationSeconds: result.duration,
          ok,
          rps: ok / result.duration,
          p50: quantile(samples, 0.5),
          p95: quantile(samples, 0.95),
          p99: quantile(samples, 0.99),
          errors: result.errors - result.timeouts,
          timeouts: result.timeouts,
          non2xx,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) samples.push(ms);
      else non2xx[status] = (non2xx[status] ?? 0) + 1;
    });
  });
}
