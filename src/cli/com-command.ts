import path from 'node:path';
import { copyFrontDoor, buildDotnetFrontDoor } from '../com/dotnet-build.js';
import { pythonFrontDoor } from '../com/front-door-paths.js';
import { repoRoot } from '../harness/process-connector-adapter.js';

/** Options of `qbd-sim com dotnet-build`. */
export interface DotnetBuildOptions {
  out?: string;
  mcs?: string;
}

/**
 * `qbd-sim com python-path`: prints what to put on PYTHONPATH so that a pywin32 connector's `import win32com.client`
 * finds qbd-sim's front door (its stand-ins first, then the qbdsim_com package).
 */
export function pythonPathCommand(): number {
  process.stdout.write(`${pythonFrontDoor(repoRoot()).pythonPath}\n`);
  return 0;
}

/**
 * `qbd-sim com dotnet-build [--out DIR]`: builds the drop-in Interop.QBXMLRP2.dll and Interop.QBXMLRP2Lib.dll with
 * Mono's mcs (cached by source hash) and copies them into DIR (default ./qbxmlrp2-interop); prints their paths.
 */
export async function dotnetBuildCommand(opts: DotnetBuildOptions): Promise<number> {
  try {
    const door = await buildDotnetFrontDoor({
      root: repoRoot(),
      mcs: opts.mcs ?? (process.env['QBDSIM_MCS'] || 'mcs'),
    });
    const out = path.resolve(opts.out ?? 'qbxmlrp2-interop');
    for (const file of copyFrontDoor(door, out)) process.stdout.write(`${file}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`qbd-sim com dotnet-build: ${(error as Error).message}\n`);
    return 1;
  }
}
