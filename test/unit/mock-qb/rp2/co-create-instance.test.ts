// CoCreateInstance on a simulated machine, decided by the bridge rows of src/protocol/host-hresult-causes.ts: each
// row's state gives its HRESULT (by ProgID, and by CLSID where that differs), and a default machine and caller create
// the object.
import { expect, test } from 'vitest';
import { hostWindows } from '../../../../mock-qb/engine/host-windows.js';
import { coCreateInstance } from '../../../../mock-qb/rp2/co-create-instance.js';
import { coCreateCauses } from '../../../../src/protocol/host-hresult-causes.js';
import { RP2_COCLASSES } from '../../../../src/protocol/rp2-members.js';

const byProgId = { progId: 'QBXMLRP2.RequestProcessor' };
const byClsid = { clsid: RP2_COCLASSES.RequestProcessor2.clsid };

test('a default machine and caller create RequestProcessor2 (by ProgID or CLSID), RequestProcessor3 by its CLSID', () => {
  const w = hostWindows();
  expect(coCreateInstance(w, w.callerDefaults, byProgId)).toEqual({ coclass: 'RequestProcessor2' });
  expect(coCreateInstance(w, w.callerDefaults, byClsid)).toEqual({ coclass: 'RequestProcessor2' });
  expect(coCreateInstance(w, w.callerDefaults, { clsid: RP2_COCLASSES.RequestProcessor3.clsid })).toEqual({
    coclass: 'RequestProcessor3',
  });
});

test.each(coCreateCauses().map((c) => [c.id, c] as const))('%s', (_id, cause) => {
  const w = hostWindows({
    sdk: {
      ...(cause.state.machine?.sdkInstalled !== undefined ? { installed: cause.state.machine.sdkInstalled } : {}),
      ...(cause.state.machine?.rp2Dll !== undefined ? { rp2Dll: cause.state.machine.rp2Dll } : {}),
    },
  });
  const caller = { ...w.callerDefaults, ...cause.state.caller } as typeof w.callerDefaults;
  const progId = coCreateInstance(w, caller, byProgId);
  const clsid = coCreateInstance(w, caller, byClsid);
  expect('error' in progId && [progId.error.hresult, progId.cause]).toEqual([cause.hresult, cause.id]);
  expect('error' in clsid && clsid.error.hresult).toBe(cause.hresultByClsid ?? cause.hresult);
});

test('an unknown ProgID is 0x800401F3 "Invalid class string", an unknown CLSID 0x80040154 "Class not registered"', () => {
  const w = hostWindows();
  const p = coCreateInstance(w, w.callerDefaults, { progId: 'QBXMLRP.RequestProcessor' });
  const c = coCreateInstance(w, w.callerDefaults, { clsid: '{00000000-0000-0000-0000-000000000001}' });
  expect('error' in p && [p.error.hresult, p.error.message]).toEqual(['0x800401F3', 'Invalid class string']);
  expect('error' in c && [c.error.hresult, c.error.message]).toEqual(['0x80040154', 'Class not registered']);
});
