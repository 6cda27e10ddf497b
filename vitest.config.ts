import { defineConfig } from 'vitest/config';

// `npm test` (= `vitest run`) runs every project below; `vitest run --project unit` runs one.
export default defineConfig({
  test: {
    environment: 'node',
    reporters: ['default'],
    // Options set here are inherited by each project through `extends: true`.
    restoreMocks: true,
    // Every qbXML response any test provokes is validated against Intuit's XSD after the run.
    // Fresh bundles first (the executables the tests spawn); the missing-programs report comes before the audit so
    // that its lines (printed at teardown, in reverse order) are the run's last.
    globalSetup: [
      'test/support/fresh-bundles.ts',
      'test/support/missing-programs-report.ts',
      'test/support/qbxml-response-audit.ts',
    ],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // Every bundled scenario (scenarios/*.yaml) against the reference connector, and the harness's own tests.
          name: 'scenarios',
          include: ['test/scenarios/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          maxConcurrency: 2,
        },
      },
      {
        extends: true,
        test: {
          // The dashboard in Debian's Chromium (playwright-core, headless), with the reference connector as a process.
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Property suites (fast-check): fixed seeds and bounded runs here; `npm run test:soak` runs them long with
          // random seeds (QBD_SOAK=1). A failure prints its seed and path and writes the shrunk run as a scenario.
          name: 'property',
          include: ['test/property/**/*.test.ts'],
          testTimeout: process.env['QBD_SOAK'] === '1' ? 3_600_000 : 120_000,
          hookTimeout: 60_000,
        },
      },
      // The qbd-sim image in Docker (testcontainers), with the reference connector on this machine: `npm run test:e2e`
      // (QBDSIM_E2E=1). Not part of `npm test`: it needs a Docker engine and the image (ci/build-image.sh).
      ...(process.env['QBDSIM_E2E'] === '1'
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e',
                include: ['test/e2e/**/*.test.ts'],
                testTimeout: 300_000,
                hookTimeout: 300_000,
                fileParallelism: false,
                // No registry here for Ryuk's image; containers are stopped by the tests (and .ci/run's engine).
                env: { TESTCONTAINERS_RYUK_DISABLED: process.env['TESTCONTAINERS_RYUK_DISABLED'] ?? 'true' },
              },
            },
          ]
        : []),
    ],
  },
});
