import { ComError } from '../../src/protocol/com-error.js';
import { coCreateCauses, type CauseState } from '../../src/protocol/host-hresult-causes.js';
import type { Hresult } from '../../src/protocol/hresult.js';
import { RP2_COCLASSES, coclassOfClsid, coclassOfProgId, type Rp2Coclass } from '../../src/protocol/rp2-members.js';
import type { CallerProcess, HostWindows } from '../engine/host-windows.js';

/** How the caller names the class: by ProgID (pywin32, VBScript, the default) or by CLSID (.NET interop). */
export type Activation = { progId: string } | { clsid: string };

/** The default activation: `CoCreateInstance(CLSIDFromProgID("QBXMLRP2.RequestProcessor"))`. */
export const DEFAULT_ACTIVATION: Activation = { progId: RP2_COCLASSES.RequestProcessor2.progIds[0] };

/**
 * Windows' `CoCreateInstance` for a QBXMLRP2 class on a simulated machine: the coclass created, or the
 * {@link ComError} Windows raises — the first matching bridge row of src/protocol/host-hresult-causes.ts (SDK not
 * installed, a 64-bit caller, the DLL missing, a service or SYSTEM), then an unknown ProgID (0x800401F3) or CLSID
 * (0x80040154). The texts are Windows' (src/protocol/windows-hresults.ts).
 */
export function coCreateInstance(
  windows: HostWindows,
  caller: CallerProcess,
  activation: Activation,
): { coclass: 'RequestProcessor2' | 'RequestProcessor3' } | { error: ComError; cause: string } {
  const byClsid = 'clsid' in activation;
  for (const cause of coCreateCauses()) {
    if (!matches(cause.state, windows, caller)) continue;
    return refusal(byClsid ? (cause.hresultByClsid ?? cause.hresult) : cause.hresult, cause.id);
  }
  const coclass: Rp2Coclass | undefined = byClsid
    ? coclassOfClsid(activation.clsid)
    : coclassOfProgId(activation.progId);
  if (coclass === undefined || coclass === 'AuthPreferences') {
    // AuthPreferences is reached through a processor; the SDK registers no way to create one alone that we model.
    return refusal(byClsid ? '0x80040154' : '0x800401F3', byClsid ? 'unknown-clsid' : 'unknown-progid');
  }
  return { coclass };
}

function refusal(code: Hresult, cause: string): { error: ComError; cause: string } {
  return { error: new ComError(code), cause };
}

/** The state fields this module can read; a bridge row naming another one is a bug of the table. */
const READABLE = { machine: ['sdkInstalled', 'rp2Dll'], caller: ['bitness', 'runAs'] } as const;

/** Whether every field the row names has that value on this machine and caller. */
function matches(state: CauseState, windows: HostWindows, caller: CallerProcess): boolean {
  for (const [part, fields] of Object.entries(state)) {
    const readable: readonly string[] | undefined = READABLE[part as keyof typeof READABLE];
    const unknown = Object.keys(fields as object).filter((f) => !readable?.includes(f));
    if (unknown.length) throw new Error(`host-hresult-causes: the bridge cannot read ${part}.${unknown.join(', ')}`);
  }
  const machine = state.machine ?? {};
  const who = state.caller ?? {};
  return (
    (machine.sdkInstalled === undefined || machine.sdkInstalled === windows.sdk.installed) &&
    (machine.rp2Dll === undefined || machine.rp2Dll === windows.sdk.rp2Dll) &&
    (who.bitness === undefined || who.bitness === caller.bitness) &&
    (who.runAs === undefined || who.runAs === caller.runAs)
  );
}
