import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_WORLD_SPEC, startMockQb, type WorldSpec } from '../../mock-qb/index.js';
import type { CloudServerHandle } from '../cloud/index.js';
import { CLOUD_ADMIN_PREFIX, CLOUD_API_PREFIX } from '../protocol/ap-cloud-contract.js';
import { isQbdSimError } from '../protocol/qbd-sim-error.js';
import { waitForStopSignal } from './wait-for-stop-signal.js';

/** `qbd-sim serve`: starts the mock, prints its URLs, waits for SIGINT/SIGTERM, stops cleanly. */
export async function serveCommand(opts: {
  port: number;
  host: string;
  world?: string;
  seed?: string;
  dataDir?: string;
  clock?: string;
  /** `FILE[=WINDOWS-PATH]` company databases to add to the first host (`--company`). */
  company?: string[];
  /** Also serve the fake AP cloud on this port of the same address (`--cloud-port`). */
  cloudPort?: number;
  /** `--control-token` / QBDSIM_CONTROL_TOKEN: every control route needs `Authorization: Bearer <token>`. */
  controlToken?: string;
  /** `--max-request-bytes` / `--max-depth`: qbd-sim's own limits on a qbXML request. */
  maxRequestBytes?: number;
  maxDepth?: number;
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
  if (opts.company?.length) {
    try {
      world = withCompanyFiles(world, opts.company, { dataDir: Boolean(opts.dataDir) });
    } catch (error) {
      process.stderr.write(`qbd-sim serve: --company: ${(error as Error).message}\n`);
      return 2;
    }
  }
  let mock;
  try {
    mock = await startMockQb({
      world,
      port: opts.port,
      host: opts.host,
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      // An empty token (QBDSIM_CONTROL_TOKEN="") is no token: loopback only.
      ...(opts.controlToken ? { controlToken: opts.controlToken } : {}),
      ...(opts.maxRequestBytes || opts.maxDepth
        ? {
            qbxmlLimits: {
              ...(opts.maxRequestBytes ? { maxRequestBytes: opts.maxRequestBytes } : {}),
              ...(opts.maxDepth ? { maxDepth: opts.maxDepth } : {}),
            },
          }
        : {}),
    });
  } catch (error) {
    if (isQbdSimError(error)) {
      process.stderr.write(`qbd-sim serve: cannot start: ${error.code}: ${error.message}\n`);
      return 2;
    }
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'EADDRINUSE' ? `port ${opts.port} is in use (try --port 0 for any free port)` : e.message;
    process.stderr.write(`qbd-sim serve: cannot start: ${why}\n`);
    return 1;
  }
  let cloud: CloudServerHandle | undefined;
  if (opts.cloudPort !== undefined) {
    try {
      // Loaded only when asked for: the cloud brings msw.
      const { startCloudServer } = await import('../cloud/index.js');
      cloud = await startCloudServer({
        port: opts.cloudPort,
        host: opts.host,
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      const why = e.code === 'EADDRINUSE' ? `port ${opts.cloudPort} is in use (try --cloud-port 0)` : e.message;
      process.stderr.write(`qbd-sim serve: cannot start the AP cloud: ${why}\n`);
      await mock.stop();
      return 1;
    }
  }
  const out = process.stdout;
  out.write(`qbd-sim: fake QuickBooks is running\n`);
  out.write(`  QBXMLRP2 bridge  ${mock.bridgeUrl}\n`);
  out.write(
    `  control API      ${mock.controlUrl}   (health: ${mock.controlUrl}/health, state: ${mock.controlUrl}/state)\n`,
  );
  out.write(`  dashboard        ${mock.url}/\n`);
  out.write(
    opts.controlToken
      ? '                   every control route needs "Authorization: Bearer <the control token>"\n'
      : '                   no control token: loopback only\n',
  );
  for (const h of mock.world.hosts()) {
    const s = h.state();
    out.write(
      `  host ${s.id}: ${s.product.productName}, ${s.process}` +
        (s.openFile ? `, "${s.openFile}" open ${s.openMode} as ${s.loggedInUser}` : '') +
        `, ids ${h.ids.seeded ? 'seeded (reproducible)' : 'random'}, clock ${s.clock.kind}\n`,
    );
  }
  if (cloud) {
    out.write(
      `  AP cloud         ${cloud.url}   (connector API ${cloud.url}${CLOUD_API_PREFIX}, admin API ${cloud.url}${CLOUD_ADMIN_PREFIX})\n`,
    );
  }
  out.write('Press Ctrl-C to stop.\n');
  await waitForStopSignal();
  out.write('qbd-sim: stopping\n');
  await Promise.all([mock.stop(), cloud?.close()]);
  return 0;
}

const COMPANY_DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';
/** SQLite's largest allocation (SQLITE_MAX_ALLOCATION_SIZE): no company image (serialize/deserialize) is bigger. */
const MAX_IMAGE_BYTES = 2_147_483_391;

/**
 * The world with `--company FILE[=WINDOWS-PATH]` files added to its first host (`fromFile`: copied into the data
 * directory, or loaded into memory), the first of them open in QuickBooks multi-user with the Admin logged in (the
 * generator's Admin has no password). The company name is the Windows file name without its extension.
 */
export function withCompanyFiles(
  world: WorldSpec,
  specs: readonly string[],
  opts: { dataDir?: boolean } = {},
): WorldSpec {
  const [first, ...rest] = world.hosts;
  if (!first) throw new Error('the world has no host');
  const added = specs.map((spec) => {
    const at = spec.indexOf('=');
    const file = at < 0 ? spec : spec.slice(0, at);
    if (!file) throw new Error(`"${spec}" names no file`);
    if (!existsSync(file)) throw new Error(`${file} does not exist (make one with \`qbd-sim company generate\`)`);
    const size = statSync(file).size;
    // With --data-dir a big company is snapshotted (for /__qbd/reset too) as a copy of its file, not an image.
    if (size > MAX_IMAGE_BYTES && !opts.dataDir) {
      throw new Error(
        `${file} is ${(size / 2 ** 30).toFixed(2)} GiB: without --data-dir serve keeps every company in memory, and ` +
          `SQLite's images stop at 2 GiB (a generated company of about 750,000 bills). Add --data-dir DIR: the ` +
          'company is copied there and its snapshots are file copies.',
      );
    }
    const name = path.parse(file).name;
    const windowsPath = at < 0 ? `${COMPANY_DIR}\\${name}.QBW` : spec.slice(at + 1);
    const companyName = (path.win32.parse(windowsPath.replaceAll('/', '\\')).name || name).slice(0, 59);
    return { path: windowsPath, companyName, fromFile: path.resolve(file) };
  });
  const open = { path: added[0]!.path, mode: 'multi-user' as const, user: 'Admin', password: '' };
  return {
    ...world,
    hosts: [
      {
        ...first,
        companyFiles: [...(first.companyFiles ?? []), ...added],
        ui: { ...first.ui, running: true, open },
      },
      ...rest,
    ],
  };
}
