// Fuzzing the files people hand to qbd-sim: `.qwc` files (as QBWC reads them when a user adds one) and scenario files.
// Every input is read or refused with the error a user is meant to see (QBWC's code, a scenario syntax error) — never
// a crash or a hang.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { isQbwcError } from '../../../src/protocol/qbwc-codes.js';
import { newQwcFile, parseQwc, serializeQwc } from '../../../src/protocol/qwc-file.js';
import { ScenarioSyntaxError, loadScenario } from '../../../src/scenario/index.js';
import { mutatedTextArbitrary } from '../../../src/testing/fuzz/text-mutation.js';
import { assertProperty, propertySettings } from '../property-settings.js';

const dir = mkdtempSync(path.join(tmpdir(), 'qbd-fuzz-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QWC_SEEDS = [
  serializeQwc(
    newQwcFile({
      appName: 'AP Sync',
      url: 'https://ap.example.com/qbwc',
      ownerId: '{57F3B9B6-86F1-4FCD-B1EF-166DE1813D20}',
      fileId: '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}',
      userName: 'acme',
    }),
  ),
  serializeQwc(
    newQwcFile({
      appName: 'Local Sync',
      url: 'http://localhost:8085/qbwc',
      ownerId: '{6E7B4C2A-1D3F-4B8E-9A5C-0F2D8E4B7A13}',
      fileId: '{11111111-2222-4333-8444-555555555555}',
    }),
  ).replace(
    '</QBWCXML>',
    '<Scheduler><RunEveryNMinutes>5</RunEveryNMinutes></Scheduler><AuthFlags>0xF</AuthFlags></QBWCXML>',
  ),
];

test('.qwc files: read, or refused with a QBWC error (QBWC1039 and friends); never a crash', async () => {
  let n = 0;
  await assertProperty(
    'qwc-fuzz',
    fc.property(
      mutatedTextArbitrary(QWC_SEEDS, ['<AppURL>', '</AppName>', '<QBWCXML>', 'http://10.0.0.1/x', '{}']),
      (xml) => {
        n++;
        try {
          parseQwc(xml);
        } catch (error) {
          if (!isQbwcError(error))
            throw new Error(
              `crash on ${JSON.stringify(xml.slice(0, 300))}: ${String((error as Error)?.stack ?? error)}`,
              { cause: error },
            );
        }
      },
    ),
    propertySettings('qwc-fuzz', { numRuns: 20_000 }),
  );
  expect(n).toBeGreaterThan(0);
});

const SCENARIO_DIR = path.join(process.cwd(), 'scenarios');
const SCENARIO_SEEDS = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .slice(0, 4)
  .map((f) => readFileSync(path.join(SCENARIO_DIR, f), 'utf8'));

test('scenario files: loaded, or refused with a ScenarioSyntaxError naming the problem; never a crash', async () => {
  let i = 0;
  await assertProperty(
    'scenario-fuzz',
    fc.property(
      mutatedTextArbitrary(SCENARIO_SEEDS, [': ', '- ', '\n  ', '{', '[', '*a', '&a ', '!!js/function', 'use: nope']),
      (text) => {
        const file = path.join(dir, `s${i++ % 4}.yaml`);
        writeFileSync(file, text);
        try {
          loadScenario(file, { groups: new Map() });
        } catch (error) {
          if (!(error instanceof ScenarioSyntaxError))
            throw new Error(
              `crash on ${JSON.stringify(text.slice(0, 300))}: ${String((error as Error)?.stack ?? error)}`,
              { cause: error },
            );
          expect(error.message.length).toBeGreaterThan(0);
        }
      },
    ),
    propertySettings('scenario-fuzz', { numRuns: 2_000 }),
  );
});
