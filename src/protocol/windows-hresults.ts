/**
 * Windows' own HRESULTs that a desktop connector meets around QBXMLRP2 (facts §11.2): COM activation failures before
 * QBXMLRP2 answers anything, and the IDispatch failures a late-bound caller (pywin32) sees. `text` is Windows'
 * FormatMessage text without its trailing line break — what pywin32 puts in `com_error.strerror` and what .NET puts
 * after the code in its "Retrieving the COM class factory…" message; `symbol` is the name .NET appends in
 * "(Exception from HRESULT: 0x80040154 (REGDB_E_CLASSNOTREG))" (null where .NET shows none).
 */
export const WINDOWS_HRESULTS = {
  /** REGDB_E_CLASSNOTREG: the CLSID is not registered in the caller's view of the registry (a 64-bit caller). */
  '0x80040154': { symbol: 'REGDB_E_CLASSNOTREG', text: 'Class not registered' },
  /** CO_E_CLASSSTRING: the ProgID is not registered (the SDK is not installed). */
  '0x800401F3': { symbol: 'CO_E_CLASSSTRING', text: 'Invalid class string' },
  /** CO_E_NOTINITIALIZED: COM was not initialized on the calling thread. */
  '0x800401F0': { symbol: 'CO_E_NOTINITIALIZED', text: 'CoInitialize has not been called.' },
  /** HRESULT_FROM_WIN32(ERROR_MOD_NOT_FOUND): the registered DLL is missing or of the other architecture. */
  '0x8007007E': { symbol: null, text: 'The specified module could not be found.' },
  /** E_ACCESSDENIED: the caller runs as a Windows service or SYSTEM. */
  '0x80070005': { symbol: 'E_ACCESSDENIED', text: 'Access is denied.' },
  /** DISP_E_EXCEPTION: IDispatch::Invoke raised; the server's HRESULT and text are in the EXCEPINFO. */
  '0x80020009': { symbol: 'DISP_E_EXCEPTION', text: 'Exception occurred.' },
  /** DISP_E_TYPEMISMATCH: an argument could not be converted to the parameter's type. */
  '0x80020005': { symbol: 'DISP_E_TYPEMISMATCH', text: 'Type mismatch.' },
  /** DISP_E_BADPARAMCOUNT: a late-bound call with the wrong number of arguments. */
  '0x8002000E': { symbol: 'DISP_E_BADPARAMCOUNT', text: 'Invalid number of parameters.' },
} as const;

/** A Windows HRESULT qbd-sim knows (upper-case hex digits). */
export type WindowsHresult = keyof typeof WINDOWS_HRESULTS;

/** Symbolic names for the Windows HRESULTs; texts come from {@link WINDOWS_HRESULTS}. */
export const WIN_HR = {
  CLASS_NOT_REGISTERED: '0x80040154',
  INVALID_CLASS_STRING: '0x800401F3',
  NOT_INITIALIZED: '0x800401F0',
  MODULE_NOT_FOUND: '0x8007007E',
  ACCESS_DENIED: '0x80070005',
  DISP_EXCEPTION: '0x80020009',
  DISP_TYPE_MISMATCH: '0x80020005',
  DISP_BAD_PARAM_COUNT: '0x8002000E',
} as const satisfies Record<string, WindowsHresult>;

/** The signed 32-bit value of an HRESULT (`0x80040154` → -2147221164), as pywin32 and .NET's `HResult` give it. */
export function signedHresult(code: string): number {
  return Number.parseInt(code.slice(2), 16) | 0;
}
