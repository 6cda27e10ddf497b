// Issue 21 item 5: the Windows side of the caller is checked at BeginSession (facts §2.4, §11.2): the SDK reaches a
// running QuickBooks only from the Windows user, session and elevation that run it; an unattended start needs an
// interactive session. The caller's identity comes from the CoCreateInstance body (defaults: the host's callerDefaults).
import { expect, test } from 'vitest';
import { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';
import type { CreateProcessorBody } from '../../../src/protocol/rp2-bridge-contract.js';
import {
  ACME,
  APP,
  CERT_SUBJECT,
  authorizeAlwaysThenExit,
  authorizeApp,
  expectComError,
  oneMachineWorld,
  startMock,
  type Mock,
} from './support.js';

async function connectAs(mock: Mock, caller: Omit<CreateProcessorBody, 'certificate'>): Promise<Rp2BridgeClient> {
  const rp = await Rp2BridgeClient.createProcessor(mock.url, {
    ...caller,
    certificate: { subject: CERT_SUBJECT, status: 'valid' },
  });
  await rp.OpenConnection2('', APP, 'localQBD');
  return rp;
}

test('a connector running as another Windows user than the one with QuickBooks open gets 0x80040408', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'windows-other-user' }));
  await authorizeApp(mock, { choice: 'when-open' });
  expect((await mock.state()).qbProcess).toEqual({ windowsUser: 'Office', windowsSession: 1, elevated: false });
  await expectComError((await connectAs(mock, { windowsUser: 'svc-sync' })).BeginSession('', 2), '0x80040408');
  // The same user in the same session is let in.
  const rp = await connectAs(mock, { windowsUser: 'office' });
  await rp.EndSession(await rp.BeginSession('', 2));
});

test('the same Windows user in another Windows session (a second Remote Desktop session) gets 0x80040408', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'windows-other-session' }));
  await authorizeApp(mock, { choice: 'when-open' });
  await expectComError((await connectAs(mock, { windowsSession: 2 })).BeginSession('', 2), '0x80040408');
});

test('QuickBooks run as administrator: an unelevated connector gets 0x80040408, an elevated one gets in', async () => {
  await using mock = await startMock(
    oneMachineWorld({
      seed: 'windows-elevation',
      ui: {
        running: true,
        elevated: true,
        open: { path: ACME, mode: 'single-user', user: 'Admin', password: 'admin' },
      },
    }),
  );
  const elevated = await connectAs(mock, { elevated: true });
  const begin = elevated.BeginSession('', 2);
  begin.catch(() => undefined);
  await expect(
    (async () => {
      for (let i = 0; i < 400; i++) {
        if ((await mock.state()).dialogs.some((d) => d.kind === 'certificate')) return true;
        await new Promise((r) => setTimeout(r, 5));
      }
      return false;
    })(),
  ).resolves.toBe(true);
  await mock.ui.answerCertificateDialog({ choice: 'when-open', done: true });
  await elevated.EndSession(await begin);
  await expectComError((await connectAs(mock, { elevated: false })).BeginSession('', 2), '0x80040408');
});

test('the background instance runs as the program that started it: another user cannot join it', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'windows-background' }));
  await authorizeAlwaysThenExit(mock, 'Admin');
  const starter = await connectAs(mock, {});
  await starter.BeginSession(ACME, 2);
  expect((await mock.state()).qbProcess).toMatchObject({ windowsUser: 'Office', windowsSession: 1 });
  await expectComError((await connectAs(mock, { windowsUser: 'Someone' })).BeginSession(ACME, 2), '0x80040408');
});

test('option: otherWindowsUser picks the HRESULT', async () => {
  await using mock = await startMock(
    oneMachineWorld({ seed: 'windows-option', fidelity: { otherWindowsUser: '0x80040401' } }),
  );
  await expectComError((await connectAs(mock, { windowsUser: 'svc-sync' })).BeginSession('', 2), '0x80040401');
});
