// The QuickBooks host against a small independent model (src/testing/host-model): UI actions and application calls
// in generated orders; after every step the model's predicted outcome (ok / refused / HRESULT / ticket) and state must
// be the engine's. A failure prints its seed and path and writes the shrunk steps as a scenario (test/property/README.md).
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { HostUnderTest } from '../../../src/testing/host-model/host-real.js';
import { hostModelCommands } from '../../../src/testing/host-model/host-model-commands.js';
import { HOST_MODEL_WORLD, initialHostModel } from '../../../src/testing/host-model/host-model.js';
import { assertProperty, propertySettings } from '../property-settings.js';

const real = new HostUnderTest('host-model');
const teethDir = mkdtempSync(path.join(tmpdir(), 'qbd-teeth-'));
afterAll(() => real.world.close());

test('the host model agrees with the engine on every UI action, BeginSession and EndSession', async () => {
  const settings = propertySettings('host-model', { numRuns: 1000 });
  await assertProperty(
    'host-model',
    fc.asyncProperty(fc.commands(hostModelCommands(), { maxCommands: 40, size: '+1' }), async (cmds) => {
      real.reset();
      await fc.asyncModelRun(() => ({ model: { state: initialHostModel() }, real }), cmds);
    }),
    settings,
    { world: { qb: { hosts: HOST_MODEL_WORLD.hosts } } },
  );
});

test('teeth: an engine that checks for a modal window before the open file (another gate order) is caught', async () => {
  const swapped = new HostUnderTest('host-model-teeth', {
    gateOrder: [
      'connection',
      'process',
      'initializing',
      'company-open',
      'modal-dialog',
      'same-file',
      'file-mode',
      'single-user-shared',
      'certificate',
      'edition',
      'authorization',
      'auto-login',
    ],
  });
  try {
    const settings = propertySettings('host-model-teeth', { numRuns: 1000 });
    await expect(
      assertProperty(
        'host-model-teeth',
        fc.asyncProperty(fc.commands(hostModelCommands(), { maxCommands: 40, size: '+1' }), async (cmds) => {
          swapped.reset();
          await fc.asyncModelRun(() => ({ model: { state: initialHostModel() }, real: swapped }), cmds);
        }),
        settings,
        { dir: teethDir },
      ),
    ).rejects.toThrow(
      /host model disagrees on the answer of # app .*BeginSession[\s\S]*model: {2}"0x8004040A"[\s\S]*engine: "0x80040414"/,
    );
  } finally {
    swapped.world.close();
  }
});
