// The one public entry of the fake QuickBooks. Explicit exports only.
export { startMockQb, createMockQbApp, type MockQbHandle, type StartMockQbOptions } from './server/start-mock-qb.js';
export { createBridgeApp } from './server/bridge-app.js';
export { createControlApp, CONTROL_BASE_PATH, UI_ACTION_NAMES } from './server/control-app.js';
export { ControlClient, HostUiClient, HostWebConnectorClient } from './server/control-client.js';
export { RECORD_LISTS, type RecordList, type RecordView } from './server/company-records-view.js';
export { createDashboardApp, DASHBOARD_ASSETS_PATH } from './server/dashboard/dashboard-app.js';
export { createWebConnectorApp, WEB_CONNECTOR_BASE_PATH } from './server/web-connector-app.js';
export {
  driveWebConnector,
  embeddedWebConnectorWorld,
  type CertificateDialogAnswer,
  type DriveWebConnectorOptions,
  type DriveWebConnectorResult,
  type WebConnectorDriveEvent,
  type WebConnectorDriveRun,
} from './server/web-connector-driver.js';
export { QbWorld, type WorldSnapshot } from './engine/qb-world.js';
export {
  QbHost,
  type RecordLock,
  type QbHostOptions,
  type CompanyFileSpec,
  type HostState,
  type FileState,
  type HostSnapshot,
  type CertificateAnswer,
} from './engine/qb-host.js';
export {
  buildWorld,
  worldSpecSchema,
  SAMPLE_WORLD_SPEC,
  SAMPLE_COMPANY_PATH,
  type WorldSpec,
  type BuildWorldOptions,
} from './engine/world-spec.js';
export { ManualClock, SystemClock, type Clock, type ClockTimer } from './engine/clock.js';
export { IdSource } from './engine/id-source.js';
export { Journal, redactSecrets, redactSecretText, type JournalEntry, type JournalActor } from './engine/journal.js';
export { CONTROL_TOKEN_ENV, isLoopbackAddress, requireControlToken } from './server/control-token.js';
export { DEFAULT_QBXML_LIMITS, type QbxmlLimits } from './qbxml/qbxml-processor.js';
export { FAULT_KINDS, type ArmedFault, type FaultKind, type FaultSpec } from './engine/faults.js';
export { UiRefusal, isUiRefusal, UI_MESSAGES } from './engine/ui-refusal.js';
export { DEFAULT_FIDELITY, type FidelityOptions } from './engine/fidelity-options.js';
export { GATE_CHECKS, DEFAULT_GATE_ORDER, type GateCheck } from './engine/gate-order.js';
export {
  PRODUCT_PROFILES,
  DEFAULT_PRODUCT_PROFILE,
  type ProductProfile,
  type Edition,
} from './engine/product-profile.js';
export type {
  AppRequest,
  CallerCertificate,
  CallerIdentity,
  CertificateChoice,
  Dialog,
  DialogKind,
  OpenMode,
  ProcessState,
  SessionInfo,
  Workstation,
} from './engine/host-types.js';
export { ProcessorRegistry, type CreateProcessorArgs } from './rp2/processor-registry.js';
export { RequestProcessor, RP2_LIBRARY_VERSION } from './rp2/request-processor.js';
export { WebConnector } from './web-connector/web-connector.js';
export { WebConnectorRegistry } from './web-connector/web-connector-registry.js';
export { QwcLog, QWC_LOG_LEVELS, type QwcLogLevel } from './web-connector/qwc-log.js';
export {
  FAILED_OUTCOMES,
  formatSoapCall,
  formatUpdateHeading,
  formatUpdateResult,
  formatUpdateSummary,
  updateFailed,
  type UpdateReportOptions,
} from './web-connector/update-report.js';
export type {
  QwcAppState,
  SoapCallRecord,
  UpdateHistory,
  UpdateHistoryEntry,
  UpdateOutcome,
  UpdateResult,
  UpdateSelectedResult,
  WebConnectorOptions,
  WebConnectorSnapshot,
} from './web-connector/web-connector-types.js';
export { QBWC_CODES, QbwcError, isQbwcError, type QbwcCode } from '../src/protocol/qbwc-codes.js';
export {
  newQwcFile,
  parseQwc,
  serializeQwc,
  validateQwc,
  type NewQwcInput,
  type QwcFile,
} from '../src/protocol/qwc-file.js';
export { QBWC_WSDL, qbwcWsdl } from '../src/protocol/qbwc-wsdl.js';
export {
  COMPANY_GENERATOR_VERSION,
  generateCompany,
  generateCompanyFile,
  type GenerateFileOptions,
  type GenerateOptions,
  type GeneratedCompanySummary,
  type GenerationProgress,
} from './qbxml/generator/company-generator.js';
export {
  CompanyPlan,
  DEFAULT_COMPANY_NOW,
  type CompanyEvent,
  type CompanyGeneratorOptions,
} from './qbxml/generator/company-plan.js';
