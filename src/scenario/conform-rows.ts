// The rows of `qbd-sim conform`: each a situation QuickBooks or the Web Connector can put a connector in, derived from
// the project's tables — the cause → HRESULT table (src/protocol/host-hresult-causes.ts), the qbXML status table
// (qbxml-status.ts), the QBWC operations (qbwc-soap.ts) — and from the write types a clean baseline run showed. Never a
// list kept by hand: a row the simulator cannot produce yet is listed as skipped, with why.
import { HOST_HRESULT_CAUSES } from '../protocol/host-hresult-causes.js';
import { HRESULT_TEXTS } from '../protocol/hresult-table.js';
import { QBXML_STATUSES } from '../protocol/qbxml-status.js';
import { QBWC_OPERATIONS } from '../protocol/qbwc-soap.js';

/** A fault to arm for a row (the `fault: arm` step's arguments). */
export interface RowFault {
  kind: string;
  match?: string;
  hresult?: string;
  phase?: 'before' | 'after';
  /** Once (a lost answer, a crash) or for as long as the condition lasts (disarmed by `fault: clear`). */
  count?: number;
}

/** One situation of the conformance suite. */
export interface ConformRow {
  /** Stable id, e.g. `begin-session-0x80040418`, `lost-answer-BillAdd`, `qbwc-drop-authenticate`. */
  id: string;
  family: 'hresult' | 'qbxml-status' | 'lost-answer' | 'qb-closed' | 'qbwc';
  /** The situation in words. */
  situation: string;
  /** Where the row comes from (table and entries). */
  source: string;
  transports: readonly ('rp2' | 'qbwc')[];
  /** How the condition is made; absent when skipped. */
  fault?: RowFault;
  /**
   * Or the condition built as the host state of a cause-table row, by scenario steps (YAML lines): `arm` makes it,
   * `clear` undoes it; `hresult` is what BeginSession must answer for the row to count as reached.
   */
  state?: { arm: string[]; clear: string[]; hresult: string };
  /** Why the row is not run (the simulator cannot produce it yet, or it does not apply). */
  skip?: string;
  /** The call whose repeats count as the connector's attempts (`rp2.BeginSession`, `qbxml …BillAdd`). */
  attemptKind?: string;
  /** The request type a lost answer or crash hits (for the "never write twice" check). */
  writeType?: string;
}

/** As long as the condition lasts: more firings than any sane connector makes before `fault: clear`. */
const LASTING = 1_000;

/** The qbXML statuses a fault of the simulator produces on a write, by code (from the faults' reference). */
const FAULT_FOR_STATUS: Readonly<Record<number, RowFault>> = {
  3170: { kind: 'record-locked', count: LASTING },
  3175: { kind: 'record-locked', count: LASTING },
  3200: { kind: 'edit-sequence-bumped', count: LASTING },
};

const OTHER_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Conform Other.QBW';

/** Scenario steps that build a cause's state and undo it, or why they cannot (yet). */
function stateSteps(state: (typeof HOST_HRESULT_CAUSES)[number]['state']): { arm: string[]; clear: string[] } | string {
  const { quickbooks = {}, ...rest } = state;
  const other = Object.keys(rest);
  if (other.length)
    return `its state (${other.join(', ')}) is the caller's or the call's, not one scenario steps build`;
  if (quickbooks.modalDialog) {
    return {
      arm: [
        '  - qb: show-dialog',
        '    title: QuickBooks Update Service',
        '    text: A QuickBooks update is available.',
      ],
      clear: ['  - qb: dismiss-dialog'],
    };
  }
  if (quickbooks.is === 'other-company-open') {
    const open = (file: string) => [
      '  - qb: open-company',
      `    file: '${file}'`,
      '    mode: multi-user',
      '    user: Admin',
      '    password: admin',
    ];
    return {
      arm: [
        '  - qb: add-company-file',
        `    path: '${OTHER_FILE}'`,
        '    companyName: Conform Other',
        '    users: [{ name: Admin, password: admin, role: admin }]',
        ...open(OTHER_FILE),
      ],
      clear: open('Acme Supplies.QBW'),
    };
  }
  return `the state ${JSON.stringify(quickbooks)} needs the call's own file name or mode, which the connector decides`;
}

/**
 * Every row for a connector with these transports and write types (learned from the baseline: the `…Add` / `…Mod`
 * requests it made, e.g. `VendorAdd`, `BillAdd`).
 */
export function conformRows(transports: readonly ('rp2' | 'qbwc')[], writeTypes: readonly string[]): ConformRow[] {
  const rows: ConformRow[] = [];
  const both = ['rp2', 'qbwc'] as const;

  // Each HRESULT the host can answer at BeginSession, with every cause that gives it.
  const byHresult = new Map<string, typeof HOST_HRESULT_CAUSES>();
  for (const c of HOST_HRESULT_CAUSES) {
    if (c.at !== 'BeginSession') continue;
    byHresult.set(c.hresult, [...(byHresult.get(c.hresult) ?? []), c]);
  }
  for (const [hresult, causes] of byHresult) {
    rows.push({
      id: `begin-session-${hresult}`,
      family: 'hresult',
      situation: `BeginSession answers ${hresult} "${HRESULT_TEXTS[hresult as keyof typeof HRESULT_TEXTS] ?? ''}" (${causes.map((c) => c.when).join('; ')})`,
      source: `host-hresult-causes.ts: ${causes.map((c) => c.id).join(', ')}`,
      transports: both,
      ...(transports.includes('rp2')
        ? {
            fault: { kind: 'com-error', match: 'BeginSession', hresult, count: LASTING },
            attemptKind: 'rp2.BeginSession',
          }
        : {
            skip: 'the fake Web Connector opens its QuickBooks session inside the host, where the com-error fault does not reach: not producible on demand for a Web Connector service yet',
          }),
    });
  }
  // The same HRESULTs from the real host state, where scenario steps can build it (a Web Connector service meets
  // them only this way: the com-error fault does not reach the fake QBWC's own session).
  for (const c of HOST_HRESULT_CAUSES) {
    if (c.at !== 'BeginSession') continue;
    const steps = stateSteps(c.state);
    rows.push({
      id: `state-${c.id}`,
      family: 'hresult',
      situation: `${c.when} → BeginSession ${c.hresult}`,
      source: `host-hresult-causes.ts: ${c.id} (the state itself)`,
      transports: both,
      ...(typeof steps === 'string'
        ? { skip: steps }
        : { state: { ...steps, hresult: c.hresult }, attemptKind: 'rp2.BeginSession' }),
    });
  }
  for (const c of HOST_HRESULT_CAUSES) {
    if (c.at !== 'CoCreateInstance') continue;
    rows.push({
      id: `co-create-instance-${c.id}`,
      family: 'hresult',
      situation: `CoCreateInstance fails ${c.hresult} (${c.when})`,
      source: `host-hresult-causes.ts: ${c.id}`,
      transports: ['rp2'],
      skip: "a desktop (com:) connector's own process creates the COM object: the front doors' table-driven tests run these (test/integration/com)",
    });
  }

  // The qbXML statuses a write can meet.
  for (const [key, status] of Object.entries(QBXML_STATUSES)) {
    if (status.severity !== 'Error' && status.code !== 500) continue;
    const fault = FAULT_FOR_STATUS[status.code];
    const write = writeTypes.find((w) => w.endsWith('Mod')) ?? writeTypes[0];
    rows.push({
      id: `qbxml-${status.code}-${key}`,
      family: 'qbxml-status',
      situation: `a request answers status ${status.code} (${status.severity}) "${status.text}"`,
      source: `qbxml-status.ts: ${key}`,
      transports: both,
      ...(fault && write
        ? { fault: { ...fault, match: write }, attemptKind: `qbxml ${write}`, writeType: write }
        : {
            skip: fault
              ? 'the baseline made no write for the fault to hit'
              : 'no fault of the simulator gives this status on demand yet (it comes from the request and the data)',
          }),
    });
  }

  // An answer lost after QuickBooks committed, for each write type; QuickBooks closing in the middle of a session.
  for (const w of writeTypes) {
    rows.push({
      id: `lost-answer-${w}`,
      family: 'lost-answer',
      situation: `QuickBooks commits a ${w} but the answer never arrives (the connection breaks)`,
      source: `baseline write type ${w}`,
      transports: ['rp2'],
      fault: { kind: 'commit-then-drop', match: w, count: 1 },
      attemptKind: `qbxml ${w}`,
      writeType: w,
    });
  }
  const first = writeTypes[0];
  rows.push({
    id: 'qb-closed-mid-session',
    family: 'qb-closed',
    situation: `QuickBooks closes in the middle of a session (right after it saved a ${first ?? 'write'})`,
    source: 'fault qb-crash',
    transports: ['rp2'],
    ...(first
      ? { fault: { kind: 'qb-crash', match: first, phase: 'after', count: 1 }, writeType: first }
      : { skip: 'the baseline made no write' }),
  });

  // Each Web Connector SOAP call lost on the way to the service.
  for (const op of Object.keys(QBWC_OPERATIONS)) {
    rows.push({
      id: `qbwc-drop-${op}`,
      family: 'qbwc',
      situation: `the Web Connector's ${op} call never reaches the service (the update dies there)`,
      source: `qbwc-soap.ts: ${op}`,
      transports: ['qbwc'],
      fault: { kind: 'qbwc-drop', match: op, phase: 'before', count: 1 },
    });
  }

  return rows.filter((r) => r.transports.some((t) => transports.includes(t)));
}
