#!/usr/bin/env node
// qbd-sim's executable. It runs the built CLI (dist/src/cli/main.js, made by `npm run build`, which `npm install`
// runs through `prepare`). In a dev checkout without a build it runs the TypeScript sources through tsx instead;
// set QBD_SIM_FROM_SOURCE=1 to prefer the sources even when dist/ exists (it may be stale). See decisions/0002.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const builtUrl = new URL('../dist/src/cli/main.js', import.meta.url);
const sourceUrl = new URL('../src/cli/main.ts', import.meta.url);

async function loadCli() {
  const fromSource = process.env.QBD_SIM_FROM_SOURCE === '1' || !existsSync(fileURLToPath(builtUrl));
  if (!fromSource) return import(builtUrl.href);

  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    tsx = undefined;
  }
  if (!tsx || !existsSync(fileURLToPath(sourceUrl))) {
    console.error(
      `qbd-sim: the CLI is not built (${fileURLToPath(builtUrl)} is missing).\n` +
        'Run `npm run build` in the qbd-sim checkout (or `npm install`, which builds through `prepare`), then retry.',
    );
    return undefined;
  }
  tsx.register();
  return import(sourceUrl.href);
}

try {
  const cli = await loadCli();
  if (cli === undefined) {
    process.exitCode = 1;
  } else if (typeof cli.main !== 'function') {
    console.error('qbd-sim: src/cli/main does not export `main(argv)`; this is a bug in qbd-sim, please report it.');
    process.exitCode = 1;
  } else {
    const code = await cli.main(process.argv);
    process.exitCode = typeof code === 'number' ? code : 0;
  }
} catch (error) {
  // main() reports expected failures itself and returns an exit code; reaching here is a crash.
  console.error('qbd-sim: unexpected failure (a bug in qbd-sim, please report it with the command you ran):');
  console.error(error);
  process.exitCode = 1;
}
