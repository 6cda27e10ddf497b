#!/usr/bin/env node
// qbd-sim's executable: src/cli/main.ts, bundled into dist/bundle/qbd-sim.js (or run from source through tsx).
// See bin/run-cli.js.
import { runCli } from './run-cli.js';

await runCli({
  name: 'qbd-sim',
  bundle: 'qbd-sim',
  modulePath: 'src/cli/main',
  entry: 'main',
  fromSourceEnv: 'QBD_SIM_FROM_SOURCE',
});
