#!/usr/bin/env node
// ap-connector's executable (the reference AP connector, deployed without the harness). It runs the built CLI
// (dist/src/connector/connector-cli.js, made by `npm run build`); in a dev checkout without a build it runs the
// TypeScript sources through tsx instead. Set AP_CONNECTOR_FROM_SOURCE=1 to prefer the sources even when dist/ exists.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const builtUrl = new URL('../dist/src/connector/connector-cli.js', import.meta.url);
const sourceUrl = new URL('../src/connector/connector-cli.ts', import.meta.url);

async function loadCli() {
  const fromSource = process.env.AP_CONNECTOR_FROM_SOURCE === '1' || !existsSync(fileURLToPath(builtUrl));
  if (!fromSource) return import(builtUrl.href);

  let tsx;
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    tsx = undefined;
  }
  if (!tsx || !existsSync(fileURLToPath(sourceUrl))) {
    console.error(
      `ap-connector: the CLI is not built (${fileURLToPath(builtUrl)} is missing).\n` +
        'Run `npm run build` in the qbd-sim checkout, then retry.',
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
  } else if (typeof cli.runConnectorCli !== 'function') {
    console.error('ap-connector: src/connector/connector-cli does not export `runConnectorCli(argv)`; this is a bug.');
    process.exitCode = 1;
  } else {
    const code = await cli.runConnectorCli(process.argv);
    process.exitCode = typeof code === 'number' ? code : 0;
  }
} catch (error) {
  console.error('ap-connector: unexpected failure (a bug, please report it with the command you ran):');
  console.error(error);
  process.exitCode = 1;
}
