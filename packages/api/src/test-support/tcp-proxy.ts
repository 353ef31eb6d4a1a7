import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type TcpProxy = {
  /** The loopback port the proxy listens on. */
  port: number;
  /** The database goes away: every open connection is cut and new ones are refused. */
  stop: () => Promise<void>;
  /** The database is back on the same port. */
  start: () => Promise<void>;
};

/**
 * A loopback TCP proxy in front of the test run's Postgres: stopping it is what a database restart or a
 * failover looks like from the API (connections reset, then refused), without touching the shared server.
 * @example const proxy = await startTcpProxy(5432); … await proxy.stop(); … await proxy.start();
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, targetHost);
        open.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          open.delete(client);
          open.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    async stop() {
      const closing = server;
      server = null;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
      await new Promise<void>((resolve) => (closing ? closing.close(() => resolve()) : resolve()));
      // Give the other end a moment to read the resets, as it would between a restart and the next request.
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
    start: listen,
  };
}
