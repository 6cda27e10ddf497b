// vitest globalSetup: the executables the tests spawn (bin/qbd-sim.js, bin/ap-connector.js) run dist/bundle; rebuild
// it first when any source changed since it was built, so a test never runs old code (decisions/0002).
import { ensureFreshBundles } from '../../scripts/build-bundles.mjs';

export default async function setup(): Promise<void> {
  const started = performance.now();
  if (await ensureFreshBundles())
    process.stdout.write(
      `dist/bundle rebuilt from the sources in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
}
