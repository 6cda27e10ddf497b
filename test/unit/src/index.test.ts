import { expect, test } from 'vitest';
import * as qbdSim from '../../../src/index.js';

test('the package entry exposes the documented API', () => {
  for (const name of [
    'Rp2BridgeClient',
    'ComError',
    'HR',
    'HRESULT_TEXTS',
    'WINDOWS_HRESULTS',
    'HOST_HRESULT_CAUSES',
    'RP2_MEMBERS',
    'QbdSimError',
    'qbxmlStatus',
    'parseQwc',
    'QBWC_CODES',
    'QBWC_WSDL',
    'startCloudInProcess',
    'startCloudServer',
    'CloudAdminClient',
    'InProcessTarget',
    'ProcessConnectorAdapter',
    'runScenario',
    'runSuite',
  ]) {
    expect(qbdSim, name).toHaveProperty(name);
  }
  expect(new qbdSim.ComError('0x80040420').message).toBe('The QuickBooks user has denied access.');
});
