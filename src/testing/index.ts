// qbd-sim/testing: a property-testing kit for QuickBooks Desktop integrations (README.md in this folder).
// Explicit exports only.

// Counterexamples and histories
export {
  assertWithCounterexample,
  counterexampleScenario,
  counterexampleSteps,
  type CounterexampleOptions,
} from './counterexample.js';
export { History, type HistoryRecord } from './history.js';

// The host model: UI actions and application calls against a small independent model of QuickBooks
export {
  APP_NAME as HOST_MODEL_APP_NAME,
  HOST_MODEL_WORLD,
  initialHostModel,
  modelBeginSession,
  modelEndSession,
  modelReconnect,
  modelUi,
  ui as hostModelUi,
  type BeginOutcome,
  type HostModelState,
  type PersonAnswer,
  type ReqFileMode,
  type UiOutcome,
} from './host-model/host-model.js';
export { HostUnderTest } from './host-model/host-real.js';
export { hostModelCommands } from './host-model/host-model-commands.js';
export { UiCommand } from './host-model/ui-command.js';
export type { HostModelBox, HostModelCommand } from './host-model/host-model-command.js';

// Sync state: a bench (fake QuickBooks + fake cloud + your connector), commands, invariants, the property
export {
  SYNC_COMPANY,
  SYNC_HOST,
  SYNC_OWNER_ID,
  SYNC_RUN_EPILOGUE,
  SYNC_RUN_PRELUDE,
  SYNC_WORLD,
  SyncBench,
  referenceConnector,
  type BenchCloud,
  type SyncConnector,
  type SyncConnectorFactory,
} from './sync/sync-bench.js';
export { adapterConnector } from './sync/adapter-connector.js';
/** The harness's process adapter and connector descriptions, for {@link adapterConnector}. */
export { ProcessConnectorAdapter, loadConnectorDescription, REFERENCE_CONNECTOR } from '../harness/index.js';
export { syncCommands, syncFaultArbitrary } from './sync/sync-commands.js';
export { ArmLostAnswerCommand, SYNC_WRITE_TYPES, type SyncWriteType } from './sync/commands/arm-lost-answer-command.js';
export { SyncStep, type SyncCommand } from './sync/sync-command.js';
export { syncStateProperty } from './sync/sync-property.js';
export { SyncReal, checkReachableState, emptySyncModel, runToQuiet, type SyncModel } from './sync/sync-run.js';
export { observeSync, type QbRecord, type SyncObservation } from './sync/sync-observation.js';
export {
  SyncInvariantError,
  checkEditSequencesForward,
  checkNoDuplicates,
  checkQuietAgreement,
  checkSyncRepeatable,
  checkUiEditsKept,
  type PendingUiEdit,
} from './sync/sync-invariants.js';

// Fuzzing arbitraries
export {
  generatedQbxmlArbitrary,
  qbxmlArbitrary,
  qbxmlRequestBodyArbitrary,
  qbxmlRequestSet,
} from './fuzz/qbxml-arbitrary.js';
export {
  NASTY_FRAGMENTS,
  mutateText,
  mutatedTextArbitrary,
  textMutationArbitrary,
  type TextMutation,
} from './fuzz/text-mutation.js';
export {
  edgyJsonValue,
  mockHttpRequestArbitrary,
  type FuzzHttpRequest,
  type FuzzSession,
} from './fuzz/http-request-arbitrary.js';
