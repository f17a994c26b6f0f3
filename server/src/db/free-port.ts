import { createServer } from 'node:net';

/** Asks the OS for a currently free TCP port on 127.0.0.1 (bind :0, read it, close). */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => {
        if (port === undefined) reject(new Error(`could not determine a free port on ${host}`));
        else resolve(port);
      });
    });
  });
}
