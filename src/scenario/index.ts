// The public entry of src/scenario: the scenario language, the runner and the reporters. Explicit exports only.
export {
  BUILT_IN_PARAMS,
  DEFAULT_SCENARIO_WORLD,
  STEP_ACTIONS,
  ScenarioSyntaxError,
  loadScenario,
  loadStepGroups,
  resolveFileRef,
  stepGroupPlaces,
  type LoadScenarioOptions,
  type Scenario,
  type ScenarioStep,
  type StepAction,
  type StepVerb,
} from './scenario-schema.js';
export {
  partialMatch,
  reproduceCommand,
  runScenario,
  scenarioLoadOptions,
  type ScenarioRecording,
  type RunScenarioOptions,
  type ScenarioFailure,
  type ScenarioResult,
  type StepTiming,
} from './scenario-runner.js';
export {
  findScenarioFiles,
  formatJsonReport,
  formatJunitReport,
  parseShard,
  runSuite,
  shardOf,
  summaryLine,
  type RunSuiteOptions,
  type SuiteResult,
} from './scenario-suite.js';
export { TranscriptRecorder } from './transcript-recorder.js';
export {
  formatReplayReport,
  replayTranscript,
  replayTranscriptFile,
  type ReplayDifference,
  type ReplayOptions,
  type ReplayReport,
} from './transcript-replay.js';
export { conformRows, type ConformRow, type RowFault } from './conform-rows.js';
export {
  conformExpectationsSchema,
  expectationFor,
  loadConformExpectations,
  type ConformExpectations,
  type RowExpectation,
} from './conform-expectations.js';
export {
  judge,
  observe,
  runConform,
  type ConformObservation,
  type ConformOptions,
  type ConformReport,
  type ConformRowResult,
} from './conform-suite.js';
export { conformSummary, formatConformJson, formatConformJunit, formatConformTable } from './conform-report.js';
export { formatConformHtml, formatRunHtml } from './html-report.js';
