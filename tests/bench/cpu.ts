import { readdir, readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = 100;

async function ticksOf(pid: string): Promise<{ comm: string; ticks: number } | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the comm).
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** Busy ticks of the whole machine (all CPUs): user, nice, system, irq, softirq, steal. */
async function machineTicks(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return user! + nice! + system! + irq! + softirq! + steal!;
}

type Snapshot = { at: number; machine: number; self: number; api: number; postgres: Map<string, number> };

async function snapshot(apiPid: number | null): Promise<Snapshot> {
  const postgres = new Map<string, number>();
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
    const stat = await ticksOf(pid);
    if (stat?.comm === 'postgres') postgres.set(pid, stat.ticks);
  }
  const { user, system } = process.cpuUsage();
  return {
    at: performance.now(),
    machine: await machineTicks(),
    self: ((user + system) / 1e6) * TICKS_PER_SECOND,
    api: apiPid === null ? 0 : ((await ticksOf(String(apiPid)))?.ticks ?? 0),
    postgres,
  };
}

/** CPU used during a run, in cores (1.0 = one core busy all the time); `other` is everything else on the machine. */
export type CpuUse = { api: number; postgres: number; loadGenerator: number; other: number };

function difference(before: Snapshot, after: Snapshot): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const cores = (ticks: number) => Math.max(0, ticks / TICKS_PER_SECOND / seconds);
  let pg = 0;
  for (const [pid, ticks] of after.postgres) pg += ticks - (before.postgres.get(pid) ?? 0);
  const api = after.api - before.api;
  const self = after.self - before.self;
  return { api: cores(api), postgres: cores(pg), loadGenerator: cores(self), other: cores(after.machine - before.machine - api - pg - self) };
}

/**
 * Measures how busy the API process, Postgres, this load generator and everything else were while
 * `work` ran (Linux /proc): whether an endpoint is bound by Node, by the database, by locks (neither
 * busy), or whether other work on the machine disturbed the run.
 */
export async function measureCpu<T>(apiPid: number, work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const before = await snapshot(apiPid);
  const result = await work();
  return { result, cpu: difference(before, await snapshot(apiPid)) };
}

/**
 * Waits (up to `maxSeconds`) until the rest of the machine is nearly idle, so other jobs on a shared
 * machine do not skew a run; returns the busy cores last seen.
 */
export async function waitForQuiet(maxSeconds: number, threshold = 0.25): Promise<number> {
  const deadline = Date.now() + maxSeconds * 1000;
  let busy = Number.POSITIVE_INFINITY;
  while (Date.now() < deadline) {
    const before = await snapshot(null);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const use = difference(before, await snapshot(null));
    busy = use.other + use.postgres;
    if (busy < threshold) return busy;
  }
  return busy;
}
