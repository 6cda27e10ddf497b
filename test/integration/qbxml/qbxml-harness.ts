// In-process harness for qbXML tests: a world, an authorized session, and `send()` that runs a
// request set through the real processor. Every response a test file produces is validated
// against Intuit's XSD with libxml2 (in one batch, after the file's tests): what the mock emits
// is held against external truth, not against our own tables.
import { afterAll, expect } from 'vitest';
import { buildWorld, type WorldSpec } from '../../../mock-qb/engine/world-spec.js';
import type { QbHost } from '../../../mock-qb/engine/qb-host.js';
import type { QbWorld } from '../../../mock-qb/engine/qb-world.js';
import { ProcessorRegistry } from '../../../mock-qb/rp2/processor-registry.js';
import type { RequestProcessor } from '../../../mock-qb/rp2/request-processor.js';
import { parseXmlDocument, type XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { ListRecords } from '../../../mock-qb/qbxml/records/list-records.js';
import { orderDoc } from '../../../mock-qb/qbxml/request-to-doc.js';
import type { RetDoc } from '../../../mock-qb/qbxml/ret-doc.js';
import { createRequestSchema } from '../../../mock-qb/qbxml/schema/request-schema.js';
import { validateQbxmlResponse } from '../../support/xsd-validate-response.js';

export const COMPANY_PATH = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Test Co.QBW';

const emitted: { test: string; xml: string }[] = [];

afterAll(async () => {
  if (!emitted.length) return;
  const results = await Promise.all(emitted.map((e) => validateQbxmlResponse(e.xml)));
  const failures = results
    .map((r, i) => ({ r, e: emitted[i]! }))
    .filter(({ r }) => !r.ok)
    .map(({ r, e }) => `${e.test}:\n${r.errors.join('\n')}\n--- response ---\n${e.xml}`);
  emitted.length = 0;
  expect(failures, 'responses that do not validate against the qbXML 13.0 XSD').toEqual([]);
}, 120_000);

/** One machine, one company file open single-user by the Admin, on a manual clock. */
export function qbxmlWorld(
  opts: { seed: string; clockStart?: string; timeZone?: string; product?: string } = { seed: 'qbxml' },
): WorldSpec {
  return {
    seed: opts.seed,
    clock: 'manual',
    clockStart: opts.clockStart ?? '2014-11-10T15:00:00Z',
    hosts: [
      {
        id: 'OFFICE-PC',
        ...(opts.product ? { product: opts.product } : {}),
        timeZone: opts.timeZone ?? 'America/New_York',
        companyFiles: [
          {
            path: COMPANY_PATH,
            companyName: 'Test Co',
            users: [
              { name: 'Admin', password: '', role: 'admin' },
              { name: 'Clerk', password: 'clerk', role: 'all-areas' },
            ],
          },
        ],
        ui: { running: true, open: { path: COMPANY_PATH, mode: 'single-user', user: 'Admin', password: '' } },
      },
    ],
  };
}

/** A session of an authorized application and helpers to talk qbXML to it. */
export interface QbxmlSession {
  world: QbWorld;
  host: QbHost;
  processor: RequestProcessor;
  /** The processors of the world (a session attached to another shares them). */
  processors: ProcessorRegistry;
  /** The current session's ticket (a new one after {@link QbxmlSession.reopen}). */
  readonly ticket: string;
  /** EndSession, then BeginSession again with the same processor (a new QuickBooks session of the same app). */
  reopen(): Promise<void>;
  /** Sends the requests inside `<QBXMLMsgsRq>` and returns the response text (validated after the file). */
  send(requests: string, opts?: { onError?: 'stopOnError' | 'continueOnError'; version?: string }): string;
  /** Sends a whole document as is. */
  sendRaw(xml: string): string;
  /** Sends and returns the Rs elements. */
  rs(requests: string, opts?: { onError?: 'stopOnError' | 'continueOnError'; version?: string }): XmlElement[];
  /** Moves the host clock. */
  advance(ms: number): void;
  close(): void;
}

/**
 * Builds the world and opens a session for `appName` (authorized "Yes, always" as Admin with
 * personal data unless `grant` says otherwise).
 */
export async function openQbxmlSession(
  opts: {
    seed: string;
    world?: WorldSpec;
    appName?: string;
    grant?: { choice: 'when-open' | 'always' | 'prompt-each-time'; personalData?: boolean; loginAs?: string };
    readOnly?: boolean;
    /** Another application's session in the same world (its own processor; closing it leaves the world open). */
    attachTo?: QbxmlSession;
  } = { seed: 'qbxml' },
): Promise<QbxmlSession> {
  const world = opts.attachTo?.world ?? buildWorld(opts.world ?? qbxmlWorld({ seed: opts.seed }));
  const host = world.host();
  const processors = opts.attachTo?.processors ?? new ProcessorRegistry(world);
  const processor = processors.create({ certificate: { subject: 'CN=Test Vendor', status: 'valid' } });
  if (opts.readOnly) processor.PutIsReadOnly(true);
  processor.OpenConnection2('', opts.appName ?? 'qbXML Tests', 1);
  const pending = processor.BeginSession('', 2);
  const grant = opts.grant ?? { choice: 'always', personalData: true, loginAs: 'Admin' };
  // BeginSession reaches the certificate dialog after a few promise turns.
  for (let i = 0; i < 50 && !host.dialogs.some((d) => d.kind === 'certificate'); i++)
    await new Promise((r) => setImmediate(r));
  host.answerCertificateDialog({
    choice: grant.choice,
    loginAs: grant.loginAs ?? (grant.choice === 'always' ? 'Admin' : null),
    personalData: grant.personalData ?? true,
    done: true,
  });
  let ticket = await pending;
  const testName = () => expect.getState().currentTestName ?? '(outside a test)';
  const send = (requests: string, o: { onError?: string; version?: string } = {}): string => {
    const xml =
      `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${o.version ?? '13.0'}"?>\n<QBXML>\n` +
      `<QBXMLMsgsRq onError="${o.onError ?? 'stopOnError'}">\n${requests}\n</QBXMLMsgsRq>\n</QBXML>`;
    return sendRaw(xml);
  };
  const sendRaw = (xml: string): string => {
    const response = processor.ProcessRequest(ticket, xml);
    emitted.push({ test: testName(), xml: response });
    return response;
  };
  return {
    world,
    host,
    processor,
    processors,
    get ticket() {
      return ticket;
    },
    reopen: async () => {
      processor.EndSession(ticket);
      ticket = await processor.BeginSession('', 2);
    },
    send,
    sendRaw,
    rs: (requests, o) => parseXmlDocument(send(requests, o)).children[0]!.children,
    advance: (ms) => (host.clock as unknown as { advance(ms: number): void }).advance(ms),
    close: () => {
      if (opts.attachTo) {
        processor.release();
        return;
      }
      processors.releaseAll();
      world.close();
    },
  };
}

/** The text of a child path (`VendorRet/ListID`) of an element, or undefined. */
export function textAt(el: XmlElement | undefined, path: string): string | undefined {
  let cur = el;
  for (const part of path.split('/')) cur = cur?.children.find((c) => c.name === part);
  return cur?.text;
}

/** Status triplet of an Rs element. */
export function statusOf(rs: XmlElement): { code: number; severity: string; message: string } {
  return {
    code: Number(rs.attrs['statusCode']),
    severity: rs.attrs['statusSeverity'] ?? '',
    message: rs.attrs['statusMessage'] ?? '',
  };
}

// ---- list fixtures for transaction tests ------------------------------------------------------------------------
// Records are made through their Add request when the simulator answers it, else inserted directly in the company
// database (the list messages are built in parallel: this keeps transaction tests independent of that order).

const fixtureSchema = createRequestSchema();

/** A list record of a test company: an existing one of that name, else added (Add request or direct insert). */
export function ensureListRecord(
  s: QbxmlSession,
  o: { kind: string; nameClass: string; fullName: string; parentId?: string; addRq: string; doc: RetDoc },
): string {
  const records = ListRecords.of(s.host.companyStore(COMPANY_PATH));
  const existing = records.getByFullName(o.kind, o.fullName);
  if (existing) return existing.listId;
  const [rs] = s.rs(o.addRq, { onError: 'continueOnError' });
  const code = Number(rs!.attrs['statusCode']);
  if (code === 0) return textAt(rs!.children[0], 'ListID')!;
  if (code !== 1030) {
    const again = records.getByFullName(o.kind, o.fullName);
    if (again) return again.listId;
    throw new Error(`fixture ${o.kind} "${o.fullName}": ${rs!.attrs['statusMessage']}`);
  }
  const name = o.fullName.split(':').pop()!;
  const store = s.host.companyStore(COMPANY_PATH);
  const row = store.transaction(() =>
    ListRecords.of(store).insert({
      kind: o.kind,
      nameClass: o.nameClass,
      name,
      fullName: o.fullName,
      parentId: o.parentId ?? null,
      isActive: true,
      now: s.host.clock.now(),
      timeZone: s.host.timeZone,
      build: () => orderDoc(o.doc, fixtureSchema.retOrder(`${o.kind}Ret`)),
    }),
  );
  return row.listId;
}

/** An account of a type (`AccountsPayable`, `Bank`, `Expense`, `CreditCard`, `AccountsReceivable`, `Income`, …). */
export function ensureAccount(s: QbxmlSession, name: string, accountType: string): string {
  return ensureListRecord(s, {
    kind: 'Account',
    nameClass: 'account',
    fullName: name,
    addRq: `<AccountAddRq><AccountAdd><Name>${name}</Name><AccountType>${accountType}</AccountType></AccountAdd></AccountAddRq>`,
    doc: {
      Name: name,
      FullName: name,
      IsActive: 'true',
      Sublevel: '0',
      AccountType: accountType,
      ...(accountType === 'AccountsPayable' || accountType === 'AccountsReceivable'
        ? { SpecialAccountType: accountType }
        : {}),
      Balance: '0.00',
      TotalBalance: '0.00',
    },
  });
}

/** A customer (or a job: `Parent:Job`). */
export function ensureCustomer(s: QbxmlSession, fullName: string): string {
  const parts = fullName.split(':');
  const name = parts.pop()!;
  const parent = parts.length ? ensureCustomer(s, parts.join(':')) : undefined;
  return ensureListRecord(s, {
    kind: 'Customer',
    nameClass: 'entity',
    fullName,
    ...(parent ? { parentId: parent } : {}),
    addRq:
      `<CustomerAddRq><CustomerAdd><Name>${name}</Name>` +
      (parent ? `<ParentRef><ListID>${parent}</ListID></ParentRef>` : '') +
      `</CustomerAdd></CustomerAddRq>`,
    doc: {
      Name: name,
      FullName: fullName,
      IsActive: 'true',
      ...(parent ? { ParentRef: { ListID: parent, FullName: parts.join(':') } } : {}),
      Sublevel: String(parts.length),
      Balance: '0.00',
      TotalBalance: '0.00',
    },
  });
}

/** Standard terms (`Net 30`: due 30 days after the transaction date). */
export function ensureStandardTerms(s: QbxmlSession, name: string, stdDueDays: number): string {
  return ensureListRecord(s, {
    kind: 'StandardTerms',
    nameClass: 'terms',
    fullName: name,
    addRq: `<StandardTermsAddRq><StandardTermsAdd><Name>${name}</Name><StdDueDays>${stdDueDays}</StdDueDays></StandardTermsAdd></StandardTermsAddRq>`,
    doc: { Name: name, IsActive: 'true', StdDueDays: String(stdDueDays) },
  });
}

/** Date-driven terms (due on a day of the month). */
export function ensureDateDrivenTerms(
  s: QbxmlSession,
  name: string,
  dayOfMonthDue: number,
  dueNextMonthDays: number,
): string {
  return ensureListRecord(s, {
    kind: 'DateDrivenTerms',
    nameClass: 'terms',
    fullName: name,
    addRq:
      `<DateDrivenTermsAddRq><DateDrivenTermsAdd><Name>${name}</Name><DayOfMonthDue>${dayOfMonthDue}</DayOfMonthDue>` +
      `<DueNextMonthDays>${dueNextMonthDays}</DueNextMonthDays></DateDrivenTermsAdd></DateDrivenTermsAddRq>`,
    doc: {
      Name: name,
      IsActive: 'true',
      DayOfMonthDue: String(dayOfMonthDue),
      DueNextMonthDays: String(dueNextMonthDays),
    },
  });
}

/** A service item with a price, posting to an account. */
export function ensureServiceItem(s: QbxmlSession, name: string, price: string, accountName: string): string {
  const accountId = ensureListRecord(s, {
    kind: 'Account',
    nameClass: 'account',
    fullName: accountName,
    addRq: `<AccountAddRq><AccountAdd><Name>${accountName}</Name><AccountType>Income</AccountType></AccountAdd></AccountAddRq>`,
    doc: { Name: accountName, FullName: accountName, IsActive: 'true', Sublevel: '0', AccountType: 'Income' },
  });
  return ensureListRecord(s, {
    kind: 'ItemService',
    nameClass: 'item',
    fullName: name,
    addRq:
      `<ItemServiceAddRq><ItemServiceAdd><Name>${name}</Name><SalesOrPurchase><Price>${price}</Price>` +
      `<AccountRef><FullName>${accountName}</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>`,
    doc: {
      Name: name,
      FullName: name,
      IsActive: 'true',
      Sublevel: '0',
      SalesOrPurchase: { Price: price, AccountRef: { ListID: accountId, FullName: accountName } },
    },
  });
}

/** A vendor (VendorAdd is simulated), with optional extra VendorAdd fields in schema order. */
export function ensureVendor(s: QbxmlSession, name: string, extraXml = ''): string {
  return ensureListRecord(s, {
    kind: 'Vendor',
    nameClass: 'entity',
    fullName: name,
    addRq: `<VendorAddRq><VendorAdd><Name>${name}</Name>${extraXml}</VendorAdd></VendorAddRq>`,
    doc: { Name: name, IsActive: 'true', Balance: '0.00' },
  });
}
