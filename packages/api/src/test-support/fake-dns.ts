/**
 * A resolver answering from a table, recording each name asked: tests resolve host names without any DNS
 * traffic (an unknown name fails as `getaddrinfo ENOTFOUND` does).
 * @example const dns = fakeDns({ 'receiver.test': ['127.0.0.1'] }); … dns.resolveHost; dns.lookups
 */
export function fakeDns(answers: ReadonlyMap<string, string[]> | Record<string, string[]>) {
  const table = answers instanceof Map ? answers : new Map(Object.entries(answers));
  const lookups: string[] = [];
  const resolveHost = async (hostname: string) => {
    lookups.push(hostname);
    const answer = table.get(hostname);
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  };
  return { resolveHost, lookups };
}
