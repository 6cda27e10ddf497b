// Issue 21 item 14: `qbd-sim webconnector` (driveWebConnector) streams an update's progress from the control API —
// each SOAP call as it ends — instead of one fetch that waits for the whole update. A client whose headers timeout
// is shorter than the update (Node's is 300 s) still gets every call and the result.
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterEach, expect, test } from 'vitest';
import { ControlClient, driveWebConnector, startMockQb, type WebConnectorDriveEvent } from '../../../mock-qb/index.js';
import { startQbwcService } from './qbwc-test-service.js';
import { APP_NAME, HOST, PASSWORD, qbxml, qwcXml, webConnectorWorld } from './support.js';

let previous: Dispatcher | undefined;
afterEach(() => {
  if (previous) setGlobalDispatcher(previous);
  previous = undefined;
});

test('a manual update streams each SOAP call as it ends and outlives a 1 s header timeout', async () => {
  let sent = 0;
  const service = await startQbwcService({
    sendRequestXML: () => (sent++ === 0 ? qbxml('<HostQueryRq requestID="1"/>') : ''),
    receiveResponseXML: () => 100,
  });
  // The service takes 1.5 s to answer authenticate: the whole update is longer than the client's header timeout.
  service.inject('authenticate', { kind: 'hang', ms: 1_500 });
  await using mock = await startMockQb({ world: webConnectorWorld('update-stream'), seed: 'update-stream' });
  previous = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ headersTimeout: 1_000 }));
  const events: { kind: string; at: number; operation?: string }[] = [];
  const started = Date.now();
  const onEvent = (e: WebConnectorDriveEvent) =>
    events.push({
      kind: e.kind,
      at: Date.now() - started,
      ...(e.kind === 'call' ? { operation: e.call.operation } : {}),
    });
  try {
    const result = await driveWebConnector({
      control: new ControlClient(mock.url),
      host: HOST,
      qwcXml: qwcXml(service.url),
      appName: APP_NAME,
      password: PASSWORD,
      certificate: { choice: 'always', loginAs: 'Admin', personalData: true },
      run: { updates: 1 },
      onEvent,
    });
    expect(result.results).toHaveLength(1);
    expect(result.results[0]).toMatchObject({ qbwcCode: 'QBWC1012' }); // the hang answers 503 after 1.5 s
  } finally {
    await service.close();
  }
  const calls = events.filter((e) => e.kind === 'call');
  expect(calls.map((c) => c.operation)).toEqual(['serverVersion', 'clientVersion', 'authenticate']);
  // serverVersion and clientVersion arrived before authenticate ended, long before the update did.
  const end = events.find((e) => e.kind === 'update')!.at;
  expect(end - calls[1]!.at).toBeGreaterThan(1_000);
});
