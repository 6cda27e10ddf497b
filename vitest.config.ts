import { defineConfig } from 'vitest/config';

// `npm test` (= `vitest run`) runs every project below; `vitest run --project unit` runs one.
export default defineConfig({
  test: {
    environment: 'node',
    reporters: ['default'],
    // Options set here are inherited by each project through `extends: true`.
    restoreMocks: true,
    // Every qbXML response any test provokes is validated against Intuit's XSD after the run.
    globalSetup: ['test/support/qbxml-response-audit.ts'],
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
      // Add when the first tests land (and decide whether `npm test` should run them):
      // {
      //   extends: true,
      //   test: {
      //     name: 'property',
      //     include: ['test/property/**/*.test.ts'],
      //     testTimeout: 120_000, // fast-check runs; a failure prints its seed and path to replay
      //   },
      // },
      // {
      //   extends: true,
      //   test: {
      //     name: 'e2e',
      //     include: ['test/e2e/**/*.test.ts'], // containers (testcontainers); not part of `npm test`
      //     testTimeout: 300_000,
      //     hookTimeout: 300_000,
      //   },
      // },
    ],
  },
});
