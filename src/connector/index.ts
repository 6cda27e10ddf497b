// The public entry of the reference AP connector (for src/harness and tests). Explicit exports only.
export { ApConnector, type CompanyReport, type QbwcApp } from './ap-connector.js';
export {
  AP_CONNECTOR_APP_NAME,
  AP_CONNECTOR_ENV,
  AP_CONNECTOR_OWNER_ID,
  AP_CONNECTOR_VERSION,
  DEFAULT_INTERVAL_MS,
  connectorEnvironmentOptions,
  parseDuration,
  type ApConnectorOptions,
  type ConnectorEnvironmentOptions,
} from './connector-options.js';
export { CONNECTOR_STATUSES, type ConnectorStatus, type StatusDetail, type StatusRecord } from './connector-status.js';
export { runConnectorCli, type ConnectorCliIo } from './connector-cli.js';
export { CLOUD_ID_EXT, FILE_ID_EXT, externalGuidFor } from './cloud-mark.js';
export type { CycleOutcome } from './company-worker.js';
export { advanceWatermark, watermarkInstant, type Watermark } from './watermark.js';
