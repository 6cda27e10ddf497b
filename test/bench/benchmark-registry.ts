import type { Benchmark } from './bench-types.js';
import { cliStartup } from './cli-startup.js';
import { companyFootprint } from './company-footprint.js';
import { expressEcho } from './express-echo.js';
import { multiUserLoad } from './multi-user-load.js';
import { propertyRuns } from './property-runs.js';
import { qbwcScheduler } from './qbwc-scheduler.js';
import { qbxmlProcessor } from './qbxml-processor.js';
import { rp2Sessions } from './rp2-sessions.js';
import { scenarioSuite } from './scenario-suite.js';
import { serveStartup } from './serve-startup.js';
import { testSuite } from './test-suite.js';

/** Every benchmark `npm run bench` knows, in run order. A new benchmark: one file in test/bench/ and one line here. */
export const BENCHMARKS: readonly Benchmark[] = [
  rp2Sessions,
  expressEcho,
  qbwcScheduler,
  qbxmlProcessor,
  cliStartup,
  serveStartup,
  scenarioSuite,
  multiUserLoad,
  companyFootprint,
  propertyRuns,
  testSuite,
];

/**
 * Ratios the runner prints per concurrency when both benchmarks ran: numerator's throughput ÷ denominator's.
 * rp2-sessions ÷ express-echo isolates the simulator's own cost from express and HTTP.
 */
export const RATIOS: readonly { numerator: string; denominator: string; label: string }[] = [
  { numerator: 'rp2-sessions', denominator: 'express-echo', label: 'rp2 sessions/s ÷ express echo sessions/s' },
];
