import { z } from 'zod';
import type {
  HeartbeatRequest,
  HelloRequest,
  NewCloudBill,
  NewCloudPayment,
  QbDataRequest,
  ResultsRequest,
  VendorFields,
} from '../protocol/ap-cloud-contract.js';

// Each schema is annotated with its contract type, so a change to the contract that the schema does not follow fails
// the type check. Objects strip unknown keys (a newer connector may send more).

const text = z.string().min(1);
const money = z.string().regex(/^-?\d+(\.\d{1,2})?$/, 'dollars with up to two decimals, e.g. "123.45"');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

const identity = z.object({ path: text, fileId: text });

const hello: z.ZodType<HelloRequest> = z.object({
  companyFile: identity,
  connector: z.object({ name: z.string(), version: z.string(), transport: z.enum(['rp2', 'qbwc']) }),
});

const results: z.ZodType<ResultsRequest> = z.object({
  results: z.array(
    z.object({
      kind: z.enum(['vendor', 'bill', 'payment']),
      cloudId: text,
      ok: z.boolean(),
      qbId: z.string().optional(),
      qbEditSequence: z.string().optional(),
      alreadyPresent: z.boolean().optional(),
      error: z
        .object({ statusCode: z.number().optional(), message: z.string(), conflict: z.boolean().optional() })
        .optional(),
    }),
  ),
});

const qbData: z.ZodType<QbDataRequest> = z.object({
  vendors: z
    .array(
      z.object({
        listId: text,
        editSequence: z.string(),
        name: z.string(),
        isActive: z.boolean(),
        balance: z.string(),
        timeModified: z.string(),
      }),
    )
    .optional(),
  accounts: z
    .array(z.object({ listId: text, fullName: z.string(), accountType: z.string(), isActive: z.boolean() }))
    .optional(),
  terms: z.array(z.object({ listId: text, name: z.string(), kind: z.enum(['standard', 'date-driven']) })).optional(),
  bills: z
    .array(
      z.object({
        txnId: text,
        editSequence: z.string(),
        vendorListId: z.string(),
        refNumber: z.string().optional(),
        txnDate: z.string(),
        amountDue: z.string(),
        openAmount: z.string(),
        isPaid: z.boolean(),
        timeModified: z.string(),
        cloudId: z.string().optional(),
      }),
    )
    .optional(),
});

const heartbeat: z.ZodType<HeartbeatRequest> = z.object({
  status: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

const vendorShape = {
  name: text,
  companyName: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z
    .object({
      addr1: z.string().optional(),
      city: z.string().optional(),
      state: z.string().optional(),
      postalCode: z.string().optional(),
    })
    .optional(),
  termsName: z.string().optional(),
  accountNumber: z.string().optional(),
  isActive: z.boolean().optional(),
};
const vendor: z.ZodType<VendorFields> = z.object(vendorShape);
const vendorPatch: z.ZodType<Partial<VendorFields>> = z.object(vendorShape).partial();

const billLine = z.object({ accountName: text, amount: money, memo: z.string().optional() });
const bill: z.ZodType<NewCloudBill> = z.object({
  vendorCloudId: text.optional(),
  vendorName: text.optional(),
  refNumber: z.string().optional(),
  txnDate: day,
  dueDate: day.optional(),
  memo: z.string().optional(),
  lines: z.array(billLine).min(1),
  approved: z.boolean().optional(),
});

const payment: z.ZodType<NewCloudPayment> = z.object({
  billCloudId: text,
  amount: money,
  bankAccountName: text.optional(),
  date: day,
  refNumber: z.string().optional(),
});

/** The request bodies of the cloud's two APIs, checked at the HTTP edge (`bad_request` when they do not parse). */
export const cloudRequestSchemas = {
  hello,
  results,
  qbData,
  heartbeat,
  company: z.object({ name: text }),
  revokeKey: z.object({ tokenKey: text }),
  vendor,
  vendorPatch,
  bill,
  payment,
} as const;
