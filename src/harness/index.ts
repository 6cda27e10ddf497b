// The public entry of src/harness: where a scenario runs and how a connector is driven. Explicit exports only.
export { InProcessTarget, type InProcessTargetOptions } from './in-process-target.js';
export type { ScenarioTarget } from './scenario-target.js';
// The container (QbdSimContainer, ContainerTarget) is not exported here: it loads testcontainers, which `qbd-sim serve`
// never needs (the image leaves it out). Import `qbd-sim/testcontainers`, or ./container-target.js dynamically.
export type {
  ConnectorAdapter,
  ConnectorEnvironment,
  ConnectorStatusRecord,
  QbwcAppInfo,
} from './connector-adapter.js';
export { ProcessConnectorAdapter, repoRoot } from './process-connector-adapter.js';
export {
  REFERENCE_CONNECTOR,
  DEFAULT_STATUSES,
  PLACEHOLDERS,
  connectorDescriptionSchema,
  loadConnectorDescription,
  type ConnectorDescription,
  type Readiness,
} from './connector-description.js';
export { freeLoopbackPort } from './loopback-ports.js';
export { InProcessConnectorAdapter, inProcessConnectorEnv } from './in-process-connector-adapter.js';
export { makeScratchDir } from './scratch-dir.js';
export { startFreshMock, type FreshMock } from './fresh-mock.js';
export {
  worldSpecSchema,
  UI_ACTION_NAMES,
  FAULT_KINDS,
  isUiRefusal,
  parseQwc,
  redactSecrets,
  type WorldSpec,
  type HostState,
  type Dialog,
  type JournalEntry,
  type FaultKind,
  type FaultSpec,
} from '../../mock-qb/index.js';
