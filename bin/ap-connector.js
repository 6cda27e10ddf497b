#!/usr/bin/env node
// ap-connector's executable (the reference AP connector, deployed without the harness): src/connector/connector-cli.ts,
// bundled into dist/bundle/ap-connector.js (or run from source through tsx). See bin/run-cli.js.
import { runCli } from './run-cli.js';

await runCli({
  name: 'ap-connector',
  bundle: 'ap-connector',
  modulePath: 'src/connector/connector-cli',
  entry: 'runConnectorCli',
  fromSourceEnv: 'AP_CONNECTOR_FROM_SOURCE',
});
