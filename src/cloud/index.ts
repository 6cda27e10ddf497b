// The public entry of src/cloud, the fake AP cloud (see README.md here). The harness and the CLI import this file.
export {
  ApCloud,
  DEFAULT_BANK_ACCOUNT,
  type ApCloudOptions,
  type ApCloudSnapshot,
  type CloudSession,
} from './ap-cloud.js';
export { CloudAdminClient, type CloudAdminClientOptions } from './cloud-admin-client.js';
export { ManualCloudClock, SystemCloudClock, type CloudClock } from './cloud-clock.js';
export { CLOUD_ERROR_STATUS, CloudError, isCloudError } from './cloud-error.js';
export { createCloudHandlers, type CloudHandlersOptions, type CloudRequestLogEntry } from './cloud-handlers.js';
export { CloudIdSource } from './cloud-id-source.js';
export {
  DEFAULT_CLOUD_ORIGIN,
  createCloudFetch,
  isLoopbackHost,
  startCloudInProcess,
  type CloudFetchHandle,
  type CloudInProcessHandle,
  type StartCloudInProcessOptions,
} from './start-cloud-in-process.js';
export {
  DEFAULT_CLOUD_PORT,
  createCloudApp,
  startCloudServer,
  type CloudAppOptions,
  type CloudServerHandle,
  type StartCloudServerOptions,
} from './start-cloud-server.js';
