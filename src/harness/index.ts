// The public entry of src/harness: where a scenario runs and how a connector is driven. Explicit exports only.
export { InProcessTarget, type InProcessTargetOptions } from './in-process-target.js';
export type {
  ConnectorAdapter,
  ConnectorEnvironment,
  ConnectorStatusRecord,
  QbwcAppInfo,
} from './connector-adapter.js';
export {
  ProcessConnectorAdapter,
  REFERENCE_CONNECTOR,
  connectorDescriptionSchema,
  loadConnectorDescription,
  repoRoot,
  type ConnectorDescription,
} from './process-connector-adapter.js';
export { InProcessConnectorAdapter } from './in-process-connector-adapter.js';
export {
  worldSpecSchema,
  UI_ACTION_NAMES,
  FAULT_KINDS,
  isUiRefusal,
  parseQwc,
  type WorldSpec,
  type HostState,
  type Dialog,
  type JournalEntry,
  type FaultKind,
} from '../../mock-qb/index.js';
