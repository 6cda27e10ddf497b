// Helpers of the e2e tests: the reference connector as a process on this machine (bin/ap-connector.js), talking to
// the fake QuickBooks and the fake AP cloud inside a qbd-sim container, and the control API across the boundary.
import type { Dialog, DialogKind, HostState } from '../../mock-qb/index.js';
import type { StartedQbdSimContainer } from '../../src/harness/qbd-sim-container.js';
import { eventually } from '../support/connector-process.js';

export const HOST = 'OFFICE-PC';
export const ACME = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Supplies.QBW';
export const APP = 'AP Connector';

export { ConnectorProcess, connectorCli, eventually } from '../support/connector-process.js';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The host's state, through the container's control API. */
export function hostState(qb: StartedQbdSimContainer): Promise<HostState> {
  return qb.control.hostState(HOST);
}

/** Waits until a dialog of `kind` shows on the host (a BeginSession waits on the person at QuickBooks). */
export function waitForDialog(qb: StartedQbdSimContainer, kind: DialogKind): Promise<Dialog> {
  return eventually(`a "${kind}" dialog on ${HOST}`, async () =>
    (await hostState(qb)).dialogs.find((d) => d.kind === kind),
  );
}

/** The Integrated Applications entry of the connector in Acme (control state), or undefined. */
export async function connectorGrant(qb: StartedQbdSimContainer) {
  const file = (await hostState(qb)).files.find((f) => f.path.toLowerCase() === ACME.toLowerCase());
  return file?.integratedApps?.apps.find((a) => a.appName.startsWith(APP));
}
