import { afterAll, expect, test } from 'vitest';
import { buildWorld } from '../../../mock-qb/engine/world-spec.js';
import { REQUEST_HANDLERS } from '../../../mock-qb/qbxml/handlers/request-handlers.js';
import { QbxmlProcessor } from '../../../mock-qb/qbxml/qbxml-processor.js';
import { setUserAreas } from '../../../mock-qb/qbxml/request-permissions.js';
import type { RqHandler } from '../../../mock-qb/qbxml/rq-context.js';
import { parseXmlDocument, type XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { ProcessorRegistry } from '../../../mock-qb/rp2/processor-registry.js';
import type { CompanyStore } from '../../../mock-qb/store/company-store.js';
import { validateQbxmlResponse } from '../../support/xsd-validate-response.js';
import { COMPANY_PATH, openQbxmlSession, statusOf, textAt } from './qbxml-harness.js';

// Sessions of users other than the Admin need a grant made beforehand (only the Admin sees the certificate
// dialog), so this file opens them itself; their responses are held against the XSD like the harness's.
const emitted: { test: string; xml: string }[] = [];

afterAll(async () => {
  const results = await Promise.all(emitted.map((e) => validateQbxmlResponse(e.xml)));
  const failures = results
    .map((r, i) => ({ r, e: emitted[i]! }))
    .filter(({ r }) => !r.ok)
    .map(({ r, e }) => `${e.test}:\n${r.errors.join('\n')}\n--- response ---\n${e.xml}`);
  expect(failures, 'responses that do not validate against the qbXML 13.0 XSD').toEqual([]);
}, 120_000);

const PERMISSION_TEXT = 'Insufficient permission level to perform this action.';
const PERSONAL_DATA_TEXT = 'The integrated application has no permission to access personal data.';

/** A customer with a credit card (CustomerAdd schema order). */
const CUSTOMER_WITH_CARD =
  `<CustomerAddRq><CustomerAdd><Name>Jane Doe</Name><CreditCardInfo><CreditCardNumber>4111111111111111</CreditCardNumber>` +
  `<ExpirationMonth>12</ExpirationMonth><ExpirationYear>2016</ExpirationYear><NameOnCard>Jane Doe</NameOnCard>` +
  `</CreditCardInfo></CustomerAdd></CustomerAddRq>`;

/** Stands in for a customer list that keeps cards: a CustomerRet with CreditCardInfo (schema order). */
const customerWithCard: RqHandler = () => ({
  body: [
    '<CustomerRet>\n',
    '<ListID>80000001-1415631600</ListID>\n',
    '<Name>Jane Doe</Name>\n',
    '<FullName>Jane Doe</FullName>\n',
    '<CreditLimit>500.00</CreditLimit>\n',
    '<CreditCardInfo>\n',
    '<CreditCardNumber>xxxxxxxxxxxx1111</CreditCardNumber>\n',
    '<ExpirationMonth>12</ExpirationMonth>\n',
    '<ExpirationYear>2016</ExpirationYear>\n',
    '</CreditCardInfo>\n',
    '<Notes>Pays by card</Notes>\n',
    '</CustomerRet>\n',
  ],
});

interface RoleSession {
  store: CompanyStore;
  rs(requests: string, onError?: 'stopOnError' | 'continueOnError'): XmlElement[];
  close(): void;
}

/**
 * A session of an application already authorized in the file ("Yes, whenever this company file is open"), with
 * `user` logged in at the QuickBooks UI.
 */
async function openAs(opts: {
  seed: string;
  user: string;
  personalData?: boolean;
  handlers?: Record<string, RqHandler>;
}): Promise<RoleSession> {
  const world = buildWorld({
    seed: opts.seed,
    clock: 'manual',
    clockStart: '2014-11-10T15:00:00Z',
    hosts: [
      {
        id: 'OFFICE-PC',
        timeZone: 'America/New_York',
        companyFiles: [
          {
            path: COMPANY_PATH,
            companyName: 'Test Co',
            users: [
              { name: 'Admin', password: '', role: 'admin' },
              { name: 'Clerk', password: '', role: 'all-areas' },
              { name: 'Buyer', password: '', role: 'selected-areas' },
              { name: 'Outside CPA', password: '', role: 'external-accountant' },
            ],
          },
        ],
        ui: { running: true, open: { path: COMPANY_PATH, mode: 'single-user', user: opts.user, password: '' } },
      },
    ],
  });
  const host = world.host();
  const store = host.companyStore(COMPANY_PATH);
  store.putApp({
    appName: 'Role Tests',
    appId: '',
    allowAccess: true,
    promptEachTime: false,
    autoLogin: false,
    loginAs: null,
    loginAsCredentialVersion: null,
    loginAsFilePath: null,
    personalData: opts.personalData ?? true,
    requested: { isReadOnly: false, unattendedModePref: 'umpOptional', personalDataPref: 'pdpOptional' },
    certificateSubject: 'CN=Test Vendor',
    certificateStatus: 'valid',
    certificateExpires: null,
    grantedAt: '2014-11-10T15:00:00.000Z',
  });
  const registry = new ProcessorRegistry(
    world,
    opts.handlers ? { qbxml: new QbxmlProcessor({ handlers: { ...REQUEST_HANDLERS, ...opts.handlers } }) } : {},
  );
  const processor = registry.create({ certificate: { subject: 'CN=Test Vendor', status: 'valid' } });
  processor.OpenConnection2('', 'Role Tests', 1);
  const ticket = await processor.BeginSession('', 2);
  return {
    store,
    rs: (requests, onError = 'continueOnError') => {
      const xml = processor.ProcessRequest(
        ticket,
        `<?xml version="1.0"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq onError="${onError}">${requests}</QBXMLMsgsRq></QBXML>`,
      );
      emitted.push({ test: expect.getState().currentTestName ?? '', xml });
      return parseXmlDocument(xml).children[0]!.children;
    },
    close: () => {
      registry.releaseAll();
      world.close();
    },
  };
}

const codes = (rs: XmlElement[]) => rs.map((r) => statusOf(r).code);

test('a read-only application cannot write (3260); it still reads, and keeps private Company data (QBWC)', async () => {
  const s = await openQbxmlSession({ seed: 'perm-readonly', readOnly: true });
  const owner = '{87EDAAF8-637E-4203-867F-4BA79C2F8998}';
  const rs = s.rs(
    `<VendorAddRq requestID="1"><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>` +
      `<VendorQueryRq requestID="2"></VendorQueryRq>` +
      `<DataExtDefAddRq requestID="3"><DataExtDefAdd><OwnerID>${owner}</OwnerID><DataExtName>FileID</DataExtName>` +
      `<DataExtType>STR255TYPE</DataExtType><AssignToObject>Company</AssignToObject></DataExtDefAdd></DataExtDefAddRq>` +
      `<DataExtAddRq requestID="4"><DataExtAdd><OwnerID>${owner}</OwnerID><DataExtName>FileID</DataExtName>` +
      `<OtherDataExtType>Company</OtherDataExtType><DataExtValue>{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}</DataExtValue></DataExtAdd></DataExtAddRq>` +
      `<DataExtDefAddRq requestID="5"><DataExtDefAdd><OwnerID>0</OwnerID><DataExtName>Region</DataExtName>` +
      `<DataExtType>STR255TYPE</DataExtType><AssignToObject>Vendor</AssignToObject></DataExtDefAdd></DataExtDefAddRq>` +
      `<TxnDelRq requestID="6"><TxnDelType>Bill</TxnDelType><TxnID>C5-1415631600</TxnID></TxnDelRq>`,
    { onError: 'continueOnError' },
  );
  expect(rs.map((r) => [r.attrs['requestID'], statusOf(r).code])).toEqual([
    ['1', 3260],
    ['2', 1],
    ['3', 0],
    ['4', 0],
    ['5', 3260],
    ['6', 3260],
  ]);
  expect(statusOf(rs[0]!)).toEqual({ code: 3260, severity: 'Error', message: PERMISSION_TEXT });
  const refused = s.world.journal.list().filter((e) => e.kind === 'qbxml.permission-refused');
  expect(refused.map((e) => e.summary)).toContain(
    'VendorAddRq refused with 3260: the application asked for read-only access',
  );
  s.close();
});

test('without the personal-data grant, writing a credit card answers 3261; the rest of the customer is not refused', async () => {
  const s = await openQbxmlSession({
    seed: 'perm-3261',
    grant: { choice: 'always', personalData: false, loginAs: 'Admin' },
  });
  const [card, plain] = s.rs(
    CUSTOMER_WITH_CARD + `<CustomerAddRq><CustomerAdd><Name>John Roe</Name></CustomerAdd></CustomerAddRq>`,
    {
      onError: 'continueOnError',
    },
  );
  expect(statusOf(card!)).toEqual({ code: 3261, severity: 'Error', message: PERSONAL_DATA_TEXT });
  expect([3260, 3261]).not.toContain(statusOf(plain!).code);
  s.close();
});

test('queries leave personal data out unless the application has the grant', async () => {
  const granted = await openAs({
    seed: 'perm-read-granted',
    user: 'Admin',
    handlers: { CustomerQueryRq: customerWithCard },
  });
  const [withCard] = granted.rs(`<CustomerQueryRq></CustomerQueryRq>`);
  expect(textAt(withCard!.children[0], 'CreditCardInfo/CreditCardNumber')).toBe('xxxxxxxxxxxx1111');
  granted.close();

  const denied = await openAs({
    seed: 'perm-read-denied',
    user: 'Admin',
    personalData: false,
    handlers: { CustomerQueryRq: customerWithCard },
  });
  const [without] = denied.rs(`<CustomerQueryRq></CustomerQueryRq>`);
  expect(statusOf(without!).code).toBe(0);
  expect(without!.children[0]!.children.map((c) => c.name)).toEqual([
    'ListID',
    'Name',
    'FullName',
    'CreditLimit',
    'Notes',
  ]);
  denied.close();
});

test('an External Accountant works in every area but never with sensitive customer data (3260, left out of queries)', async () => {
  const s = await openAs({
    seed: 'perm-accountant',
    user: 'Outside CPA',
    handlers: { CustomerQueryRq: customerWithCard },
  });
  const [vendor, customer, card, query] = s.rs(
    `<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>` +
      `<CustomerAddRq><CustomerAdd><Name>John Roe</Name></CustomerAdd></CustomerAddRq>` +
      CUSTOMER_WITH_CARD +
      `<CustomerQueryRq></CustomerQueryRq>`,
  );
  expect(statusOf(vendor!).code).toBe(0);
  expect([3260, 3261]).not.toContain(statusOf(customer!).code);
  expect(statusOf(card!)).toEqual({ code: 3260, severity: 'Error', message: PERMISSION_TEXT });
  expect(query!.children[0]!.children.some((c) => c.name === 'CreditCardInfo')).toBe(false);
  s.close();
});

test('an "All areas" user may do everything, credit cards included', async () => {
  const s = await openAs({ seed: 'perm-clerk', user: 'Clerk', handlers: { CustomerQueryRq: customerWithCard } });
  const rs = s.rs(
    `<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>` +
      CUSTOMER_WITH_CARD +
      `<AccountQueryRq></AccountQueryRq><CustomerQueryRq></CustomerQueryRq>`,
  );
  expect(codes(rs).some((c) => c === 3260 || c === 3261)).toBe(false);
  expect(textAt(rs[3]!.children[0], 'CreditCardInfo/CreditCardNumber')).toBe('xxxxxxxxxxxx1111');
  s.close();
});

test('a "Selected areas" user: accounts payable by default, everything else view-only; rights follow setUserAreas', async () => {
  const s = await openAs({ seed: 'perm-selected', user: 'Buyer' });
  const first = s.rs(
    `<VendorAddRq requestID="vendor"><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>` +
      `<VendorQueryRq requestID="vendors"></VendorQueryRq>` +
      `<CustomerAddRq requestID="customer"><CustomerAdd><Name>John Roe</Name></CustomerAdd></CustomerAddRq>` +
      `<CustomerQueryRq requestID="customers"></CustomerQueryRq>` +
      `<AccountAddRq requestID="account"><AccountAdd><Name>Supplies</Name><AccountType>Expense</AccountType></AccountAdd></AccountAddRq>` +
      `<ItemServiceAddRq requestID="item"><ItemServiceAdd><Name>Labor</Name><SalesOrPurchase><Price>50.00</Price>` +
      `<AccountRef><FullName>Services</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>` +
      `<ClassAddRq requestID="class"><ClassAdd><Name>East</Name></ClassAdd></ClassAddRq>` +
      `<TxnDelRq requestID="del-invoice"><TxnDelType>Invoice</TxnDelType><TxnID>C5-1415631600</TxnID></TxnDelRq>` +
      `<TxnDelRq requestID="del-bill"><TxnDelType>Bill</TxnDelType><TxnID>C5-1415631600</TxnID></TxnDelRq>` +
      `<HostQueryRq requestID="host"></HostQueryRq>`,
  );
  const refused = (rs: XmlElement[]) => rs.filter((r) => statusOf(r).code === 3260).map((r) => r.attrs['requestID']);
  expect(refused(first)).toEqual(['customer', 'account', 'item', 'del-invoice']);
  expect(statusOf(first[0]!).code).toBe(0);

  setUserAreas(s.store, 'buyer', { sales: 'full', purchases: 'none' });
  const second = s.rs(
    `<VendorQueryRq requestID="vendors"></VendorQueryRq>` +
      `<CustomerAddRq requestID="customer"><CustomerAdd><Name>John Roe</Name></CustomerAdd></CustomerAddRq>` +
      `<DataExtAddRq requestID="vendor-ext"><DataExtAdd><OwnerID>0</OwnerID><DataExtName>Region</DataExtName>` +
      `<ListDataExtType>Vendor</ListDataExtType><ListObjRef><FullName>Acme</FullName></ListObjRef>` +
      `<DataExtValue>North</DataExtValue></DataExtAdd></DataExtAddRq>`,
  );
  expect(refused(second)).toEqual(['vendors', 'vendor-ext']);
  s.close();
});
