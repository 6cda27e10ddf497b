// The company generator (mock-qb/qbxml/generator): deterministic from its seed, consistent (balances, links, paid
// flags), exactly what the qbXML handlers leave after the same requests at the same times, and every Ret of a
// generated company valid against Intuit's XSD (the harness validates each response after the file).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ManualClock } from '../../../mock-qb/engine/clock.js';
import {
  CompanyPlan,
  type CompanyEvent,
  type CompanyGeneratorOptions,
  type PlannedFields,
} from '../../../mock-qb/qbxml/generator/company-plan.js';
import { generateCompany, generateCompanyFile } from '../../../mock-qb/qbxml/generator/company-generator.js';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { CompanyStore } from '../../../mock-qb/store/company-store.js';
import { COMPANY_PATH, openQbxmlSession, qbxmlWorld, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';

/** A small company that still has every case: inactive vendors with paid bills, partial and card payments. */
const SMALL: CompanyGeneratorOptions = { vendors: 40, bills: 320, customers: 6, months: 12, seed: 'gen-small-2' };

const QBXML_TABLES = ['qbx_meta', 'qbx_counter', 'qbx_list', 'qbx_txn', 'qbx_txn_link', 'qbx_deleted'];

/** Every row of the qbXML tables (and their AUTOINCREMENT counters), in rowid order: the company's content. */
function content(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of QBXML_TABLES) out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().all();
  out['sqlite_sequence'] = db
    .prepare(`SELECT * FROM sqlite_sequence WHERE name LIKE 'qbx\\_%' ESCAPE '\\' ORDER BY name`)
    .raw()
    .all();
  return out;
}

function generated(opts: CompanyGeneratorOptions): CompanyStore {
  const store = CompanyStore.open({});
  generateCompany(store, opts);
  return store;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-gen-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('determinism', () => {
  test('the same seed gives byte-identical company files; another seed another company', () => {
    const a = path.join(tmp, 'a.sqlite');
    const b = path.join(tmp, 'b.sqlite');
    const c = path.join(tmp, 'c.sqlite');
    const sa = generateCompanyFile(a, SMALL);
    const sb = generateCompanyFile(b, SMALL);
    generateCompanyFile(c, { ...SMALL, seed: 'gen-other' });
    const hash = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    expect(hash(a)).toBe(hash(b));
    expect(hash(a)).not.toBe(hash(c));
    expect({ ...sa, elapsedMs: 0 }).toEqual({ ...sb, elapsedMs: 0 });
    // And in memory: the serialized content is the same too.
    const m1 = generated(SMALL);
    const m2 = generated(SMALL);
    expect(m1.serialize().equals(m2.serialize())).toBe(true);
    m1.close();
    m2.close();
  });

  test('refuses a company that already has records', () => {
    const store = generated({ ...SMALL, bills: 5, vendors: 3, customers: 0 });
    expect(() => generateCompany(store, SMALL)).toThrow(/already has qbXML records/);
    store.close();
  });
});

describe('consistency', () => {
  let store: CompanyStore;
  beforeAll(() => {
    store = generated({ vendors: 300, bills: 4000, customers: 20, seed: 'gen-consistency' });
  });
  afterAll(() => store.close());

  test("each vendor's Balance is the sum of its bills' open amounts", () => {
    const rows = store.db
      .prepare(
        `SELECT v.list_id, json_extract(v.doc, '$.Balance') AS balance,
           (SELECT COALESCE(SUM(CAST(ROUND(CAST(json_extract(b.doc, '$.OpenAmount') AS REAL) * 100) AS INTEGER)), 0)
              FROM qbx_txn b WHERE b.kind = 'Bill' AND b.entity_id = v.list_id) AS open_cents
         FROM qbx_list v WHERE v.kind = 'Vendor'`,
      )
      .all() as { list_id: string; balance: string; open_cents: number }[];
    expect(rows.length).toBe(300);
    const wrong = rows.filter((r) => Math.round(Number(r.balance) * 100) !== r.open_cents);
    expect(wrong).toEqual([]);
    expect(rows.some((r) => r.open_cents > 0)).toBe(true);
  });

  test('bills: AmountDue = lines, IsPaid ⇔ OpenAmount 0, what was paid = the links to them', () => {
    const bills = store.db
      .prepare(
        `SELECT txn_id, is_paid, doc, (SELECT COALESCE(SUM(CAST(amount AS INTEGER)), 0) FROM qbx_txn_link WHERE to_txn = txn_id) AS linked
         FROM qbx_txn WHERE kind = 'Bill'`,
      )
      .all() as { txn_id: string; is_paid: number; doc: string; linked: number }[];
    const cents = (s: unknown) => Math.round(Number(s) * 100);
    let paid = 0;
    let partly = 0;
    for (const b of bills) {
      const doc = JSON.parse(b.doc) as Record<string, unknown>;
      const lines = doc['ExpenseLineRet'] as { Amount: string }[];
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(5);
      expect(lines.reduce((s, l) => s + cents(l.Amount), 0)).toBe(cents(doc['AmountDue']));
      const open = cents(doc['OpenAmount']);
      expect(doc['IsPaid']).toBe(String(open === 0));
      expect(b.is_paid).toBe(open === 0 ? 1 : 0);
      expect(cents(doc['AmountDue']) - open).toBe(b.linked);
      if (open === 0) paid++;
      else if (b.linked > 0) partly++;
    }
    expect(paid).toBeGreaterThan(bills.length / 2);
    expect(partly).toBeGreaterThan(0);
  });

  test('payments: Amount = their link, applied to a bill of the same vendor; check numbers run in order', () => {
    const rows = store.db
      .prepare(
        `SELECT p.kind, p.entity_id, p.ref_number, p.doc, l.amount, b.entity_id AS bill_vendor
           FROM qbx_txn p JOIN qbx_txn_link l ON l.from_txn = p.txn_id JOIN qbx_txn b ON b.txn_id = l.to_txn
          WHERE p.kind LIKE 'BillPayment%' ORDER BY p.seq`,
      )
      .all() as {
      kind: string;
      entity_id: string;
      ref_number: string | null;
      doc: string;
      amount: string;
      bill_vendor: string;
    }[];
    const count = (
      store.db.prepare(`SELECT COUNT(*) AS n FROM qbx_txn WHERE kind LIKE 'BillPayment%'`).get() as { n: number }
    ).n;
    expect(rows.length).toBe(count);
    for (const r of rows) {
      const doc = JSON.parse(r.doc) as { Amount: string };
      expect(Math.round(Number(doc.Amount) * 100)).toBe(Number(r.amount));
      expect(r.entity_id).toBe(r.bill_vendor);
    }
    const checks = rows.filter((r) => r.kind === 'BillPaymentCheck').map((r) => Number(r.ref_number));
    expect(checks).toEqual(checks.map((_, i) => 1001 + i));
    expect(rows.some((r) => r.kind === 'BillPaymentCreditCard')).toBe(true);
  });

  test('ids and times: counters in creation order, TimeCreated local with offset, bills over the last 12 months', () => {
    const first = store.db.prepare(`SELECT doc FROM qbx_txn ORDER BY seq LIMIT 1`).get() as { doc: string };
    const doc = JSON.parse(first.doc) as Record<string, string>;
    expect(doc['TxnID']).toMatch(/^1-\d{10}$/);
    expect(doc['TimeCreated']).toMatch(/^2013-11-\d\dT\d\d:\d\d:\d\d-05:00$/);
    const range = store.db
      .prepare(`SELECT MIN(txn_date) AS lo, MAX(txn_date) AS hi FROM qbx_txn WHERE kind = 'Bill'`)
      .get() as { lo: string; hi: string };
    expect(range.lo >= '2013-11-10').toBe(true);
    expect(range.hi <= '2014-11-10').toBe(true);
    const vendors = store.db.prepare(`SELECT list_id FROM qbx_list WHERE kind = 'Vendor' ORDER BY seq`).all() as {
      list_id: string;
    }[];
    const counters = vendors.map((v) => parseInt(v.list_id.split('-')[0]!, 16));
    expect(counters).toEqual([...counters].sort((a, b) => a - b));
    const inactive = store.db
      .prepare(`SELECT COUNT(*) AS n FROM qbx_list WHERE kind = 'Vendor' AND is_active = 0`)
      .get() as { n: number };
    expect(inactive.n).toBeGreaterThan(0);
  });
});

// ---- the handlers' company ------------------------------------------------------------------------------------

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fieldsXml(fields: PlannedFields): string {
  let out = '';
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string') out += `<${k}>${esc(v)}</${k}>`;
    else
      out += `<${k}>${Object.entries(v)
        .map(([sk, sv]) => `<${sk}>${esc(sv)}</${sk}>`)
        .join('')}</${k}>`;
  }
  return out;
}

/** Replays a plan as qbXML requests through ProcessRequest, each at its event's time on the host's manual clock. */
async function replayThroughHandlers(plan: CompanyPlan): Promise<QbxmlSession> {
  const world = qbxmlWorld({
    seed: 'gen-replay',
    clockStart: new Date(plan.setupAt - 3_600_000).toISOString(),
    timeZone: plan.timeZone,
  });
  const s = await openQbxmlSession({ seed: 'gen-replay', world });
  const clock = s.host.clock as ManualClock;
  const vendors = new Map<number, { listId: string; editSequence: string }>();
  const bills = new Map<number, string>();
  const ok = (rq: string): XmlElement => {
    const [rs] = s.rs(rq);
    const st = statusOf(rs!);
    if (st.code !== 0) throw new Error(`${rq.slice(0, 200)} → ${st.code} ${st.message}`);
    return rs!.children[0]!;
  };
  const apply = (e: CompanyEvent): void => {
    clock.set(e.at);
    switch (e.type) {
      case 'setup':
        s.rs('<HostQueryRq/>'); // the first ProcessRequest creates the default lists
        return;
      case 'account':
        ok(
          `<AccountAddRq><AccountAdd><Name>${esc(e.name)}</Name><AccountType>${e.accountType}</AccountType>` +
            (e.desc ? `<Desc>${esc(e.desc)}</Desc>` : '') +
            `</AccountAdd></AccountAddRq>`,
        );
        return;
      case 'terms': {
        const t = e.terms;
        const body = Object.entries(t.doc)
          .map(([k, v]) => `<${k}>${v as string}</${k}>`)
          .join('');
        ok(`<${t.kind}AddRq><${t.kind}Add><Name>${esc(t.name)}</Name>${body}</${t.kind}Add></${t.kind}AddRq>`);
        return;
      }
      case 'vendor': {
        const v = ok(
          `<VendorAddRq><VendorAdd><Name>${esc(e.vendor.name)}</Name>${fieldsXml(e.vendor.fields)}</VendorAdd></VendorAddRq>`,
        );
        vendors.set(e.vendor.index, { listId: textAt(v, 'ListID')!, editSequence: textAt(v, 'EditSequence')! });
        return;
      }
      case 'customer':
        ok(
          `<CustomerAddRq><CustomerAdd><Name>${esc(e.name)}</Name>${fieldsXml(e.fields)}</CustomerAdd></CustomerAddRq>`,
        );
        return;
      case 'bill': {
        const b = e.bill;
        const lines = b.lines
          .map(
            (l) =>
              `<ExpenseLineAdd><AccountRef><FullName>${esc(l.account)}</FullName></AccountRef>` +
              `<Amount>${(l.cents / 100).toFixed(2)}</Amount>${l.memo ? `<Memo>${esc(l.memo)}</Memo>` : ''}</ExpenseLineAdd>`,
          )
          .join('');
        const bill = ok(
          `<BillAddRq><BillAdd><VendorRef><ListID>${vendors.get(b.vendor)!.listId}</ListID></VendorRef>` +
            `<TxnDate>${b.txnDate}</TxnDate>${b.refNumber ? `<RefNumber>${esc(b.refNumber)}</RefNumber>` : ''}` +
            `${b.memo ? `<Memo>${esc(b.memo)}</Memo>` : ''}${lines}</BillAdd></BillAddRq>`,
        );
        bills.set(b.seq, textAt(bill, 'TxnID')!);
        return;
      }
      case 'payment': {
        const p = e.payment;
        const from =
          p.kind === 'BillPaymentCheck'
            ? '<BankAccountRef><FullName>Checking</FullName></BankAccountRef>'
            : '<CreditCardAccountRef><FullName>Business Credit Card</FullName></CreditCardAccountRef>';
        ok(
          `<${p.kind}AddRq><${p.kind}Add><PayeeEntityRef><ListID>${vendors.get(p.vendor)!.listId}</ListID></PayeeEntityRef>` +
            `<TxnDate>${p.txnDate}</TxnDate>${from}${p.refNumber ? `<RefNumber>${p.refNumber}</RefNumber>` : ''}` +
            `${p.memo ? `<Memo>${esc(p.memo)}</Memo>` : ''}<AppliedToTxnAdd><TxnID>${bills.get(p.bill)!}</TxnID>` +
            `<PaymentAmount>${(p.cents / 100).toFixed(2)}</PaymentAmount></AppliedToTxnAdd></${p.kind}Add></${p.kind}AddRq>`,
        );
        return;
      }
      case 'deactivateVendor': {
        const v = vendors.get(e.vendor)!;
        ok(
          `<VendorModRq><VendorMod><ListID>${v.listId}</ListID><EditSequence>${v.editSequence}</EditSequence>` +
            `<IsActive>false</IsActive></VendorMod></VendorModRq>`,
        );
        return;
      }
    }
  };
  for (const e of plan.events()) apply(e);
  return s;
}

describe('the same company as the handlers make', () => {
  test('the plan covers every case the writer handles', () => {
    const kinds = new Map<string, number>();
    let partial = 0;
    let inactiveBills = 0;
    let noTerms = 0;
    let dateDriven = 0;
    const plan = new CompanyPlan(SMALL);
    const inactive = new Set(plan.vendors.filter((v) => v.inactive).map((v) => v.index));
    for (const v of plan.vendors) {
      if (v.terms === undefined) noTerms++;
      if (v.terms === '15th of Month') dateDriven++;
    }
    for (const e of plan.events()) {
      const kind = e.type === 'payment' ? e.payment.kind : e.type;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (e.type === 'bill' && e.bill.paidCents > 0 && e.bill.paidCents < e.bill.cents) partial++;
      if (e.type === 'bill' && inactive.has(e.bill.vendor)) inactiveBills++;
    }
    expect([...kinds.keys()].sort()).toEqual(
      [
        'account',
        'bill',
        'BillPaymentCheck',
        'BillPaymentCreditCard',
        'customer',
        'deactivateVendor',
        'setup',
        'terms',
        'vendor',
      ].sort(),
    );
    expect({
      partial: partial > 0,
      inactiveBills: inactiveBills > 0,
      noTerms: noTerms > 0,
      dateDriven: dateDriven > 0,
    }).toEqual({
      partial: true,
      inactiveBills: true,
      noTerms: true,
      dateDriven: true,
    });
  });

  test('generateCompany writes exactly what BillAdd, BillPaymentCheckAdd, VendorAdd, VendorMod, … leave', async () => {
    const plan = new CompanyPlan(SMALL);
    const s = await replayThroughHandlers(plan);
    try {
      const viaHandlers = content(s.host.companyStore(COMPANY_PATH).db);
      const store = generated(SMALL);
      const viaGenerator = content(store.db);
      store.close();
      for (const t of Object.keys(viaHandlers)) {
        expect(viaGenerator[t]!.length, t).toBe(viaHandlers[t]!.length);
        viaGenerator[t]!.forEach((row, i) => expect(row, `${t} row ${i + 1}`).toEqual(viaHandlers[t]![i]));
      }
      expect(viaGenerator['qbx_txn']!.length).toBeGreaterThan(SMALL.bills);
    } finally {
      s.close();
    }
  }, 120_000);
});

describe('a generated company served: every Ret valid against the XSD', () => {
  let s: QbxmlSession;
  const file = path.join(tmp, 'served.sqlite');
  beforeAll(async () => {
    generateCompanyFile(file, { vendors: 60, bills: 600, customers: 12, seed: 'gen-xsd' });
    const world = qbxmlWorld({ seed: 'gen-xsd' });
    world.hosts[0]!.companyFiles![0]!.fromFile = file; // the world-spec hook: the company starts as the file
    s = await openQbxmlSession({ seed: 'gen-xsd', world });
  });
  afterAll(() => s?.close());

  test('lists and transactions come back as generated (a sample of each through the processor)', () => {
    const rs = s.rs(
      [
        '<VendorQueryRq metaData="MetaDataAndResponseData"><MaxReturned>40</MaxReturned><ActiveStatus>All</ActiveStatus></VendorQueryRq>',
        '<VendorQueryRq><ActiveStatus>InactiveOnly</ActiveStatus></VendorQueryRq>',
        '<CustomerQueryRq><MaxReturned>12</MaxReturned></CustomerQueryRq>',
        '<AccountQueryRq/>',
        '<TermsQueryRq/>',
        '<BillQueryRq><MaxReturned>40</MaxReturned><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>',
        '<BillQueryRq><PaidStatus>NotPaidOnly</PaidStatus><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>',
        '<BillPaymentCheckQueryRq><MaxReturned>30</MaxReturned><IncludeLineItems>true</IncludeLineItems></BillPaymentCheckQueryRq>',
        '<BillPaymentCreditCardQueryRq><MaxReturned>30</MaxReturned><IncludeLineItems>true</IncludeLineItems></BillPaymentCreditCardQueryRq>',
      ].join('\n'),
      { onError: 'continueOnError' },
    );
    expect(rs.map((r) => statusOf(r).code)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rs[0]!.attrs['retCount']).toBe('40');
    expect(rs[1]!.children.every((v) => textAt(v, 'IsActive') === 'false')).toBe(true);
    expect(rs[3]!.children.map((a) => textAt(a, 'FullName'))).toContain('Business Credit Card');
    const names = rs[4]!.children.map((t) => textAt(t, 'Name'));
    expect(names).toEqual(expect.arrayContaining(['Net 30', 'Net 45', '2% 10 Net 30', '15th of Month']));
    const linked = rs[5]!.children.filter((b) => b.children.some((c) => c.name === 'LinkedTxn'));
    expect(linked.length).toBeGreaterThan(0);
    expect(rs[6]!.children.every((b) => textAt(b, 'IsPaid') === 'false')).toBe(true);
  });

  test('a vendor looked up by FullName carries its balance; new bills go on after the generated ids', () => {
    const [all] = s.rs('<VendorQueryRq><MaxReturned>5</MaxReturned></VendorQueryRq>');
    const name = textAt(all!.children[0], 'Name')!;
    const [one] = s.rs(`<VendorQueryRq><FullName>${esc(name)}</FullName></VendorQueryRq>`);
    expect(textAt(one!.children[0], 'Name')).toBe(name);
    expect(textAt(one!.children[0], 'Balance')).toMatch(/^\d+\.\d\d$/);
    const [bill] = s.rs(
      `<BillAddRq><BillAdd><VendorRef><FullName>${esc(name)}</FullName></VendorRef>` +
        `<ExpenseLineAdd><AccountRef><FullName>Utilities</FullName></AccountRef><Amount>10.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq>`,
    );
    expect(statusOf(bill!).code).toBe(0);
    const last = s.host.companyStore(COMPANY_PATH).db.prepare(`SELECT MAX(txn_number) AS n FROM qbx_txn`).get() as {
      n: number;
    };
    expect(textAt(bill!.children[0], 'TxnNumber')).toBe(String(last.n));
    expect(last.n).toBeGreaterThan(600);
  });
});
