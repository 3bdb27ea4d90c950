// A harness that starts its own server must not test whatever already answers on its port
// (another branch, another helper's app, stale data): it checks the port is free first.
import { createServer } from 'node:net';

/**
 * Throws a clear error when something already listens on `port`: `who` would otherwise run
 * against it; `advice` says what to do instead.
 */
export async function assertPortFree(port: number, who: string, advice: string, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use, so ${who} would run against whatever answers there. ${advice}`
            : `Cannot check port ${port} on ${host}: ${err.message}`,
        ),
      );
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
