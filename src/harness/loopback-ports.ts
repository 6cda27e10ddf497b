import { createServer } from 'node:net';

/** Ports this process handed out: a port closed again is not given twice while its connector may still bind it. */
const given = new Set<number>();

/**
 * A free TCP port on 127.0.0.1 for a connector to listen on (`{port}` in a description): the OS picks one, it is
 * released at once for the connector, and this process never hands out the same one twice — so scenarios running at
 * the same time (`--jobs`) never share a port.
 */
export async function freeLoopbackPort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port && !given.has(port)) {
      given.add(port);
      return port;
    }
  }
}
