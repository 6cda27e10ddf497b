// The public entry of the `qbd-sim` package (the fake QuickBooks itself is `qbd-sim/mock-qb`). Explicit exports only.

// Talking to QuickBooks (real or fake): the RP2 bridge client, Intuit's HRESULTs and qbXML statuses.
export { Rp2BridgeClient } from './protocol/rp2-bridge-client.js';
export type {
  CreateProcessorBody,
  CreateProcessorResult,
  Rp2Method,
  Rp2MethodArgs,
  Rp2MethodResults,
} from './protocol/rp2-bridge-contract.js';
export { ComError, isComError } from './protocol/com-error.js';
export { HR, hresultText, isHresult, normalizeHresult, type Hresult } from './protocol/hresult.js';
export { HRESULT_TEXTS } from './protocol/hresult-table.js';
export { WINDOWS_HRESULTS, WIN_HR, signedHresult } from './protocol/windows-hresults.js';
export { HOST_HRESULT_CAUSES, type HostCause, type CauseState } from './protocol/host-hresult-causes.js';
export { RP2_MEMBERS, RP2_COCLASSES, RP2_COM_ENUMS, membersOf, type Rp2Member } from './protocol/rp2-members.js';
export { QbdSimError, QBDSIM_ERRORS, isQbdSimError, type QbdSimErrorCode } from './protocol/qbd-sim-error.js';
export { QBXML_STATUSES, qbxmlStatus, type QbxmlStatus, type QbxmlStatusKey } from './protocol/qbxml-status.js';
export { ConnectionType, QBFileMode, UnattendedModePref, PersonalDataPref, AuthFlags } from './protocol/rp2-enums.js';
export { formatQbDateTime, formatQbDate, parseQbDateTime, parseQbDate } from './protocol/qb-datetime.js';

// The Web Connector contract: .qwc files, QBWC codes, the WSDL.
export { parseQwc, serializeQwc, validateQwc } from './protocol/qwc-file.js';
export { QBWC_CODES, QbwcError } from './protocol/qbwc-codes.js';
export { QBWC_WSDL, qbwcWsdl } from './protocol/qbwc-wsdl.js';

// The fake AP cloud.
export { startCloudInProcess, startCloudServer, CloudAdminClient } from './cloud/index.js';

// Where scenarios run and how a connector is driven; the scenario runner.
export { InProcessTarget, ProcessConnectorAdapter, InProcessConnectorAdapter } from './harness/index.js';
export {
  loadScenario,
  runScenario,
  runSuite,
  findScenarioFiles,
  summaryLine,
  type Scenario,
  type ScenarioResult,
  type SuiteResult,
} from './scenario/index.js';
