import type { RqHandler } from '../rq-context.js';
import { writeRetDoc, type RetDoc } from '../ret-doc.js';
import { dataExtRets } from './data-ext-rets.js';
import { includeRetElements, ownerIds } from './include-ret-element.js';

/** CompanyQueryRq → CompanyRet, with DataExtRet for the requested OwnerIDs (QBWC's FileID/AppLock live here). */
export const companyQuery: RqHandler = (ctx) => {
  const info = ctx.store.getCompanyInfo();
  const doc: RetDoc = {
    IsSampleCompany: String(info.isSampleCompany),
    CompanyName: info.companyName,
    LegalCompanyName: info.legalCompanyName,
    AccountantCopy: { AccountantCopyExists: 'false' },
  };
  const owners = ownerIds(ctx.rq);
  const exts = owners.length ? dataExtRets(ctx.store, 'Company', '', owners) : [];
  if (exts.length) doc['DataExtRet'] = exts;
  const body: string[] = [];
  writeRetDoc('CompanyRet', doc, body, includeRetElements(ctx.rq));
  return { body };
};
