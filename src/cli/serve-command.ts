import { readFileSync } from 'node:fs';
import { SAMPLE_WORLD_SPEC, startMockQb, type WorldSpec } from '../../mock-qb/index.js';

/** `qbd-sim serve`: starts the mock, prints its URLs, waits for SIGINT/SIGTERM, stops cleanly. */
export async function serveCommand(opts: {
  port: number;
  host: string;
  world?: string;
  seed?: string;
  dataDir?: string;
  clock?: string;
}): Promise<number> {
  let world: WorldSpec = SAMPLE_WORLD_SPEC;
  if (opts.world) {
    try {
      world = JSON.parse(readFileSync(opts.world, 'utf8')) as WorldSpec;
    } catch (error) {
      process.stderr.write(`qbd-sim serve: cannot read the world file ${opts.world}: ${(error as Error).message}\n`);
      return 2;
    }
  }
  if (opts.clock) {
    if (opts.clock !== 'system' && opts.clock !== 'manual') {
      process.stderr.write(`qbd-sim serve: --clock must be "system" or "manual", not "${opts.clock}"\n`);
      return 2;
    }
    world = { ...world, clock: opts.clock };
  }
  let mock;
  try {
    mock = await startMockQb({
      world,
      port: opts.port,
      host: opts.host,
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'EADDRINUSE' ? `port ${opts.port} is in use (try --port 0 for any free port)` : e.message;
    process.stderr.write(`qbd-sim serve: cannot start: ${why}\n`);
    return 1;
  }
  const out = process.stdout;
  out.write(`qbd-sim: fake QuickBooks is running\n`);
  out.write(`  QBXMLRP2 bridge  ${mock.bridgeUrl}\n`);
  out.write(
    `  control API      ${mock.controlUrl}   (health: ${mock.controlUrl}/health, state: ${mock.controlUrl}/state)\n`,
  );
  for (const h of mock.world.hosts()) {
    const s = h.state();
    out.write(
      `  host ${s.id}: ${s.product.productName}, ${s.process}` +
        (s.openFile ? `, "${s.openFile}" open ${s.openMode} as ${s.loggedInUser}` : '') +
        `, ids ${h.ids.seeded ? 'seeded (reproducible)' : 'random'}, clock ${s.clock.kind}\n`,
    );
  }
  out.write('Press Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  out.write('qbd-sim: stopping\n');
  await mock.stop();
  return 0;
}
