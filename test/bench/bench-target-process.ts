// A benchmark target served in its own process, so the server under test does not share an event loop (or a CPU)
// with the load generator. Started by bench-target.ts through child_process.fork: argv[2] is the kind, the URLs go
// back over IPC, and the process stops on a "stop" message or as soon as its parent goes away.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SAMPLE_WORLD_SPEC, startMockQb } from '../../mock-qb/index.js';
import { createEchoApp } from './echo-app.js';
import type { BenchTargetKind, BenchTargetReady } from './bench-target.js';

async function serve(kind: BenchTargetKind): Promise<{ ready: BenchTargetReady; stop: () => Promise<void> }> {
  if (kind === 'rp2') {
    const mock = await startMockQb({ seed: 'qbd-sim-bench', world: SAMPLE_WORLD_SPEC });
    return {
      ready: { type: 'ready', url: mock.url, bridgeUrl: mock.bridgeUrl, controlUrl: mock.controlUrl, pid: process.pid },
      stop: () => mock.stop(),
    };
  }
  const app = createEchoApp();
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 5_000; // as the mock's server
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ready: { type: 'ready', url, bridgeUrl: `${url}/qbxmlrp2`, controlUrl: null, pid: process.pid },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const kind = process.argv[2];
if (kind !== 'rp2' && kind !== 'echo') {
  console.error(`bench-target-process: unknown target kind "${kind}" (rp2 | echo)`);
  process.exit(2);
}
if (!process.send) {
  console.error('bench-target-process: must be started by bench-target.ts (needs an IPC channel)');
  process.exit(2);
}

const { ready, stop } = await serve(kind);
let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(0), 2_000);
  force.unref();
  void stop().finally(() => process.exit(0));
};
process.on('message', (m) => {
  if (m === 'stop') shutdown();
});
process.on('disconnect', shutdown); // the parent exited or crashed: never outlive it
process.send(ready);
