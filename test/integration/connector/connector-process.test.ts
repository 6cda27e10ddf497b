// `ap-connector` as its own process (bin/ap-connector.js through tsx), reaching the cloud over HTTP
// (startCloudServer) and QuickBooks over the RP2 bridge: killed with SIGKILL between QuickBooks committing a BillAdd
// and the connector recording it (the commit-then-drop fault makes that window deterministic), restarted, and
// exactly one bill in QuickBooks. Also the CLI around it: token set, sync-now, status, exit.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { startCloudServer } from '../../../src/cloud/index.js';
import { parseQwc } from '../../../src/protocol/qwc-file.js';
import { runConnectorCli, type StatusRecord } from '../../../src/connector/index.js';
import { ConnectorProcess, connectorCli } from '../../support/connector-process.js';
import { stateFiles } from '../../../src/connector/state-files.js';
import {
  ACME,
  HOST,
  OWNER_ID,
  authorizeAlways,
  connectorWorld,
  qbQuery,
  rets,
  sleep,
  startMock,
  type Mock,
} from './support.js';

const BIN = fileURLToPath(new URL('../../../bin/ap-connector.js', import.meta.url));

function billsOf(mock: Mock, vendorName: string) {
  return rets(
    qbQuery(mock, ACME, [`<BillQueryRq><EntityFilter><FullName>${vendorName}</FullName></EntityFilter></BillQueryRq>`]),
    'BillRet',
  );
}

test(
  'SIGKILL between QuickBooks committing a BillAdd and the connector recording it: restarted, exactly one bill',
  { timeout: 90_000 },
  async () => {
    await using mock = await startMock(connectorWorld('process-kill'));
    await using cloud = await startCloudServer({ seed: 'process-kill' });
    const { companyId } = await cloud.admin.createCompany('Acme Supplies');
    const { tokenKey } = await cloud.admin.getNewKey(companyId);
    const stateDir = mkdtempSync(path.join(tmpdir(), 'ap-connector-process-'));
    const args = ['--state-dir', stateDir, '--transport', 'rp2', '--bridge', mock.handle.url, '--cloud', cloud.url];
    args.push('--company', ACME, '--interval', '1h');
    const processes: ConnectorProcess[] = [];
    try {
      // The token key is entered through the CLI, from an environment variable (never an argument).
      const set = connectorCli(
        ['token', 'set', '--company', ACME, '--state-dir', stateDir, '--token-env', 'AP_TOKEN'],
        {
          AP_TOKEN: tokenKey,
        },
      );
      expect(set).toMatchObject({ status: 0, stdout: `Token key saved for ${ACME}.\n` });
      expect(set.stdout + set.stderr).not.toContain(tokenKey);

      // First run: flow B (the certificate dialog), then a synced file in multi-user mode.
      const first = new ConnectorProcess(args);
      processes.push(first);
      await authorizeAlways(mock);
      await first.waitFor('Connected to Server');
      await mock.ui.switchMode('multi-user');

      const vendor = await cloud.admin.createVendor(companyId, { name: 'Killed Midway Inc' });
      const bill = await cloud.admin.createBill(companyId, {
        vendorCloudId: vendor.cloudId,
        refNumber: 'KM-77',
        txnDate: '2024-07-01',
        lines: [{ accountName: 'Office Supplies', amount: '310.00' }],
      });
      await mock.control.armFault(HOST, { kind: 'commit-then-drop', match: 'BillAdd' });
      expect(connectorCli(['sync-now', '--state-dir', stateDir]).status).toBe(0);
      // QuickBooks committed the BillAdd and its answer is gone: kill the connector right there.
      for (let i = 0; ; i++) {
        if ((await mock.control.journal({ host: HOST, actor: 'fault' })).length) break;
        if (i > 1000) throw new Error(`the fault never fired\n${first.stderr}`);
        await sleep(10);
      }
      first.child.kill('SIGKILL');
      await first.exited();
      expect(billsOf(mock, 'Killed Midway Inc')).toHaveLength(1);
      expect((await cloud.admin.companyState(companyId)).bills[0]).toMatchObject({ status: 'pending' });
      const outbox = JSON.parse(
        readFileSync(path.join(stateDir, 'companies', stateFiles.companyKey(ACME), 'outbox.json'), 'utf8'),
      ) as { entries: Record<string, { phase: string }> };
      expect(outbox.entries[`bill:add:${bill.cloudId}`]).toMatchObject({ phase: 'sending' });

      // Restarted: the first cycle looks for the bill before writing it, finds it, and tells the cloud.
      const second = new ConnectorProcess(args);
      processes.push(second);
      await second.waitFor('Connected to Server');
      const bills = rets(
        qbQuery(mock, ACME, [
          `<BillQueryRq><EntityFilter><FullName>Killed Midway Inc</FullName></EntityFilter><OwnerID>${OWNER_ID}</OwnerID></BillQueryRq>`,
        ]),
        'BillRet',
      );
      expect(bills).toHaveLength(1);
      const state = await cloud.admin.companyState(companyId);
      expect(state.bills[0]).toMatchObject({ status: 'entered', refNumber: 'KM-77' });
      expect(state.bills[0]!.qbTxnId).toBeDefined();

      // The CLI around the running instance: status (no token key in it), then exit.
      const status = connectorCli(['status', '--state-dir', stateDir]);
      expect(status.status).toBe(0);
      const report = JSON.parse(status.stdout) as {
        running: boolean;
        companies: { company: string; hasToken: boolean; status: StatusRecord }[];
      };
      expect(report).toMatchObject({
        running: true,
        companies: [{ company: ACME, hasToken: true, status: { status: 'Connected to Server' } }],
      });
      expect(status.stdout).not.toContain(tokenKey);
      expect(connectorCli(['exit', '--state-dir', stateDir])).toMatchObject({
        status: 0,
        stdout: 'ap-connector stopped\n',
      });
      expect(await second.exited()).toBe(0);
      expect(existsSync(path.join(stateDir, 'control.json'))).toBe(false);
      // Stopped: `exit` says so (exit code 1), `status` reports from the state directory's files.
      const out: string[] = [];
      const io = {
        stdout: (t: string) => void out.push(t),
        stderr: () => undefined,
        readStdin: async () => '',
        env: {},
      };
      expect(await runConnectorCli(['node', BIN, 'exit', '--state-dir', stateDir], io)).toBe(1);
      expect(await runConnectorCli(['node', BIN, 'status', '--state-dir', stateDir], io)).toBe(0);
      expect(JSON.parse(out.join(''))).toMatchObject({
        running: false,
        companies: [{ company: ACME, hasToken: true, status: { status: 'Connected to Server' } }],
      });
      // The status file holds the same records the processes printed.
      const lines = readFileSync(path.join(stateDir, 'status.jsonl'), 'utf8').trim().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as StatusRecord).status)).toEqual(
        [...first.records, ...second.records].map((r) => r.status),
      );
    } finally {
      for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    }
  },
);

/** A free loopback port (the QBWC service must come back on the same AppURL after a restart). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test(
  'QBWC: the update whose answer is lost, the connector killed and restarted: exactly one bill',
  { timeout: 90_000 },
  async () => {
    await using mock = await startMock(connectorWorld('process-kill-qbwc'));
    await using cloud = await startCloudServer({ seed: 'process-kill-qbwc' });
    const { companyId } = await cloud.admin.createCompany('Acme Supplies');
    const { tokenKey } = await cloud.admin.getNewKey(companyId);
    const stateDir = mkdtempSync(path.join(tmpdir(), 'ap-connector-process-qbwc-'));
    const port = await freePort();
    const args = ['--state-dir', stateDir, '--transport', 'qbwc', '--qbwc-port', String(port), '--cloud', cloud.url];
    args.push('--company', ACME);
    const processes: ConnectorProcess[] = [];
    try {
      expect(
        connectorCli(['token', 'set', '--company', ACME, '--state-dir', stateDir, '--token-env', 'T'], { T: tokenKey })
          .status,
      ).toBe(0);
      const first = new ConnectorProcess(args);
      processes.push(first);
      const qwcPath = path.join(stateDir, 'qwc', `${stateFiles.companyKey(ACME)}.qwc`);
      for (let i = 0; !existsSync(qwcPath); i++) {
        if (i > 1000) throw new Error(`no .qwc written\n${first.stderr}`);
        await sleep(20);
      }
      // What the person adds to the Web Connector: the .qwc file and the password `ap-connector qwc` shows.
      const app = JSON.parse(connectorCli(['qwc', '--company', ACME, '--state-dir', stateDir]).stdout) as {
        qwcFile: string;
        userName: string;
        password: string;
      };
      expect(app.qwcFile).toBe(qwcPath);
      const qwc = parseQwc(readFileSync(qwcPath, 'utf8'));
      expect(qwc.AppURL).toBe(`http://localhost:${port}/qbwc`);
      const wc = mock.control.webConnector(HOST);
      const adding = wc.addApplication(readFileSync(qwcPath, 'utf8'));
      await authorizeAlways(mock);
      await adding;
      await wc.setPassword(qwc.AppName, app.password);
      expect((await wc.update(qwc.AppName)).outcome).toBe('ok');
      await first.waitFor('Connected to Server');

      const vendor = await cloud.admin.createVendor(companyId, { name: 'Lost In Transit Co' });
      await cloud.admin.createBill(companyId, {
        vendorCloudId: vendor.cloudId,
        txnDate: '2024-07-02',
        lines: [{ accountName: 'Utilities', amount: '88.00' }],
      });
      await mock.control.armFault(HOST, { kind: 'commit-then-drop', match: 'BillAdd' });
      const died = await wc.update(qwc.AppName);
      expect(died).toMatchObject({ outcome: 'error', qbwcCode: 'QBWC1042' });
      // The connector still waits for receiveResponseXML of the BillAdd: kill it there.
      first.child.kill('SIGKILL');
      await first.exited();
      expect(billsOf(mock, 'Lost In Transit Co')).toHaveLength(1);

      const second = new ConnectorProcess(args);
      processes.push(second);
      for (let i = 0; ; i++) {
        const r = await wc.update(qwc.AppName);
        if (r.outcome === 'ok') break;
        if (i > 50)
          throw new Error(`the restarted connector never served the update: ${JSON.stringify(r)}\n${second.stderr}`);
        await sleep(100);
      }
      await second.waitFor('Connected to Server');
      expect(billsOf(mock, 'Lost In Transit Co')).toHaveLength(1);
      expect((await cloud.admin.companyState(companyId)).bills[0]).toMatchObject({ status: 'entered' });
      expect(connectorCli(['exit', '--state-dir', stateDir]).status).toBe(0);
      expect(await second.exited()).toBe(0);
    } finally {
      for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    }
  },
);
