import http from 'node:http';
import { quantile, TIMEOUT_SECONDS, type LoadResult, type RequestSpec } from './load.ts';

/** An open-loop run: requests sent at a fixed rate whatever the answers do. */
export type OpenLoopSpec = {
  label: string;
  baseUrl: string;
  token: string;
  next: () => RequestSpec;
  rate: number;
  durationSeconds: number;
  /** Keep-alive sockets at most; a request waiting for one still has its clock running. */
  connections: number;
};

function send(agent: http.Agent, url: URL, token: string, spec: RequestSpec): Promise<number> {
  return new Promise((resolve) => {
    const request = http.request(
      url,
      {
        agent,
        method: spec.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        timeout: TIMEOUT_SECONDS * 1000,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve(error.message === 'timeout' ? -1 : 0));
    request.end(spec.body);
  });
}

/**
 * Sends requests at evenly spaced instants (like wrk2) and measures each latency from its intended send
 * time, so a slow server cannot slow the arrivals down (no coordinated omission). autocannon's rate
 * limit sends each connection's quota as a burst at the start of every second instead.
 */
export async function runOpenLoop(spec: OpenLoopSpec): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const total = Math.round(spec.rate * spec.durationSeconds);
  const interval = 1000 / spec.rate;
  const samples: number[] = [];
  const non2xx: Record<string, number> = {};
  let timeouts = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const request = spec.next();
    inFlight.push(
      send(agent, new URL(request.path, spec.baseUrl), spec.token, request).then((status) => {
        if (status >= 200 && status < 300) samples.push(performance.now() - due);
        else if (status === -1) timeouts++;
        else if (status === 0) errors++;
        else non2xx[status] = (non2xx[status] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  samples.sort((a, b) => a - b);
  const ok = samples.length;
  for (let i = 0; i < timeouts; i++) samples.push(Number.POSITIVE_INFINITY);
  return {
    label: spec.label,
    mode: 'open',
    connections: spec.connections,
    offeredRate: spec.rate,
    durationSeconds: elapsed,
    ok,
    rps: ok / elapsed,
    p50: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    p99: quantile(samples, 0.99),
    errors,
    timeouts,
    non2xx,
  };
}
