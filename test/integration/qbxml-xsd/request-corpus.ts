// A hand-written corpus of qbXML 13.0 requests for the schema agreement test: realistic valid requests of the
// messages the simulator supports, and invalid ones, each invalid for one reason a connector really hits (wrong
// order, missing required element, unknown element, too long, bad enum, bad date...). Written from the XSD, never
// copied from third-party captures.

/** Wraps requests in the qbXML envelope. */
export function qbxmlDocument(requests: string, msgsRqAttrs = 'onError="stopOnError"'): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML>\n' +
    `<QBXMLMsgsRq ${msgsRqAttrs}>\n${requests}\n</QBXMLMsgsRq>\n</QBXML>\n`
  );
}

const expenseLine = (account: string, amount: string, memo: string): string =>
  `<ExpenseLineAdd><AccountRef><FullName>${account}</FullName></AccountRef><Amount>${amount}</Amount>` +
  `<Memo>${memo}</Memo><ClassRef><FullName>Operations</FullName></ClassRef></ExpenseLineAdd>`;

export const BILL_ADD_FIVE_EXPENSE_LINES = `<BillAddRq requestID="bill-2024-0117">
  <BillAdd>
    <VendorRef><FullName>Pacific Gas &amp; Electric</FullName></VendorRef>
    <APAccountRef><FullName>Accounts Payable</FullName></APAccountRef>
    <TxnDate>2024-01-17</TxnDate>
    <DueDate>2024-02-16</DueDate>
    <RefNumber>INV-88231</RefNumber>
    <TermsRef><FullName>Net 30</FullName></TermsRef>
    <Memo>January utilities</Memo>
    <ExternalGUID>{4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f}</ExternalGUID>
    ${expenseLine('Utilities:Electric', '412.50', 'Main office')}
    ${expenseLine('Utilities:Gas', '88.10', 'Main office')}
    ${expenseLine('Utilities:Electric', '37.00', 'Warehouse')}
    ${expenseLine('Utilities:Water', '64.25', 'Main office')}
    ${expenseLine('Repairs and Maintenance', '-12.00', 'Credit for late fee')}
  </BillAdd>
</BillAddRq>`;

/** Valid requests (each a full document). */
export const VALID: Record<string, string> = {
  'HostQuery, CompanyQuery with OwnerID, PreferencesQuery': qbxmlDocument(
    `<HostQueryRq requestID="1"><IncludeRetElement>ProductName</IncludeRetElement></HostQueryRq>
<CompanyQueryRq requestID="2"><OwnerID>{6B063959-81B0-4B3A-9C5F-2E7B1A6C4D21}</OwnerID></CompanyQueryRq>
<PreferencesQueryRq requestID="3"/>`,
  ),
  'BillAdd with five expense lines': qbxmlDocument(BILL_ADD_FIVE_EXPENSE_LINES),
  'BillAdd with expense and item lines': qbxmlDocument(`<BillAddRq>
  <BillAdd>
    <VendorRef><ListID>80000004-1705500000</ListID></VendorRef>
    <VendorAddress><Addr1>Acme Supply Co.</Addr1><Addr2>100 Main St</Addr2><City>Springfield</City><State>IL</State><PostalCode>62701</PostalCode></VendorAddress>
    <TxnDate>2024-03-01</TxnDate>
    <RefNumber>A-100</RefNumber>
    <Memo>Mixed bill</Memo>
    <IsTaxIncluded></IsTaxIncluded>
    <ExpenseLineAdd><AccountRef><FullName>Freight</FullName></AccountRef><Amount>25.00</Amount><BillableStatus>NotBillable</BillableStatus></ExpenseLineAdd>
    <ItemLineAdd><ItemRef><FullName>Widgets:Blue</FullName></ItemRef><Desc>Blue widget</Desc><Quantity>12</Quantity><Cost>3.75</Cost><Amount>45.00</Amount><CustomerRef><FullName>Smith Co:Job 7</FullName></CustomerRef><BillableStatus>Billable</BillableStatus></ItemLineAdd>
    <ItemLineAdd><ItemRef><FullName>Consulting</FullName></ItemRef><Quantity>1.5</Quantity><Cost>120</Cost></ItemLineAdd>
  </BillAdd>
  <IncludeRetElement>TxnID</IncludeRetElement>
  <IncludeRetElement>EditSequence</IncludeRetElement>
</BillAddRq>`),
  'BillMod replacing expense lines': qbxmlDocument(`<BillModRq requestID="m1"><BillMod>
  <TxnID>1A2B-1705500001</TxnID><EditSequence>1705500001</EditSequence>
  <DueDate>2024-02-20</DueDate><Memo>Corrected</Memo>
  <ExpenseLineMod><TxnLineID>-1</TxnLineID><AccountRef><FullName>Utilities</FullName></AccountRef><Amount>10.00</Amount></ExpenseLineMod>
  <ExpenseLineMod><TxnLineID>1A2C-1705500001</TxnLineID><Amount>20.00</Amount></ExpenseLineMod>
</BillMod></BillModRq>`),
  'BillQuery by modified date with paid status and data extensions': qbxmlDocument(
    `<BillQueryRq requestID="q1" iterator="Start" metaData="MetaDataAndResponseData">
  <MaxReturned>500</MaxReturned>
  <ModifiedDateRangeFilter><FromModifiedDate>2024-01-01T00:00:00-05:00</FromModifiedDate><ToModifiedDate>2024-01-31</ToModifiedDate></ModifiedDateRangeFilter>
  <EntityFilter><FullName>Acme Supply Co.</FullName></EntityFilter>
  <PaidStatus>NotPaidOnly</PaidStatus>
  <IncludeLineItems>true</IncludeLineItems>
  <IncludeLinkedTxns>1</IncludeLinkedTxns>
  <OwnerID>0</OwnerID>
</BillQueryRq>`,
  ),
  'BillQuery continuing an iterator, by RefNumber, by TxnID': qbxmlDocument(
    `<BillQueryRq iterator="Continue" iteratorID="{eb05f701-e727-472f-8ade-6753c4f67a46}"><MaxReturned>500</MaxReturned></BillQueryRq>
<BillQueryRq><RefNumber>INV-1</RefNumber><RefNumber>INV-2</RefNumber></BillQueryRq>
<BillQueryRq><TxnID>1A2B-1705500001</TxnID><IncludeLineItems>false</IncludeLineItems></BillQueryRq>
<BillQueryRq><TxnDateRangeFilter><DateMacro>ThisMonthToDate</DateMacro></TxnDateRangeFilter></BillQueryRq>`,
    'onError="continueOnError"',
  ),
  'VendorQuery with filters': qbxmlDocument(`<VendorQueryRq requestID="v1" iterator="Start">
  <MaxReturned>100</MaxReturned>
  <ActiveStatus>All</ActiveStatus>
  <FromModifiedDate>2024-01-01T08:00:00</FromModifiedDate>
  <NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>Ac</Name></NameFilter>
  <IncludeRetElement>ListID</IncludeRetElement>
  <IncludeRetElement>Name</IncludeRetElement>
  <OwnerID>{6B063959-81B0-4B3A-9C5F-2E7B1A6C4D21}</OwnerID>
</VendorQueryRq>`),
  'VendorQuery by FullName, with empty ActiveStatus taking its default': qbxmlDocument(
    `<VendorQueryRq><FullName>Acme Supply Co.</FullName><FullName>Pacific Gas &amp; Electric</FullName></VendorQueryRq>
<VendorQueryRq><ActiveStatus/></VendorQueryRq>`,
  ),
  'VendorAdd with address, contact and terms': qbxmlDocument(`<VendorAddRq requestID="va">
  <VendorAdd>
    <Name>Acme Supply Co.</Name>
    <IsActive>true</IsActive>
    <CompanyName>Acme Supply Company, Inc.</CompanyName>
    <FirstName>Wile</FirstName><LastName>Coyote</LastName>
    <VendorAddress><Addr1>100 Main St</Addr1><City>Springfield</City><State>IL</State><PostalCode>62701</PostalCode><Country>US</Country></VendorAddress>
    <Phone>217-555-0100</Phone>
    <Email>ap@acme.example</Email>
    <NameOnCheck>Acme Supply Co.</NameOnCheck>
    <AccountNumber>CUST-0042</AccountNumber>
    <TermsRef><FullName>Net 30</FullName></TermsRef>
    <CreditLimit>5000.00</CreditLimit>
    <VendorTaxIdent>12-3456789</VendorTaxIdent>
    <IsVendorEligibleFor1099>false</IsVendorEligibleFor1099>
    <ExternalGUID>{11111111-2222-3333-4444-555555555555}</ExternalGUID>
  </VendorAdd>
</VendorAddRq>`),
  VendorMod: qbxmlDocument(
    `<VendorModRq><VendorMod><ListID>80000004-1705500000</ListID><EditSequence>1705500000</EditSequence><Name>Acme Supply</Name><IsActive>0</IsActive></VendorMod></VendorModRq>`,
  ),
  'Account, Class, Terms, Items: adds and queries': qbxmlDocument(
    `<AccountAddRq><AccountAdd><Name>Utilities</Name><AccountType>Expense</AccountType><AccountNumber>6100</AccountNumber></AccountAdd></AccountAddRq>
<AccountQueryRq><ActiveStatus>ActiveOnly</ActiveStatus><AccountType>AccountsPayable</AccountType><AccountType>Bank</AccountType></AccountQueryRq>
<ClassAddRq><ClassAdd><Name>Operations</Name></ClassAdd></ClassAddRq>
<ClassQueryRq/>
<StandardTermsAddRq><StandardTermsAdd><Name>Net 30</Name><StdDueDays>30</StdDueDays><StdDiscountDays>10</StdDiscountDays><DiscountPct>2.0</DiscountPct></StandardTermsAdd></StandardTermsAddRq>
<DateDrivenTermsAddRq><DateDrivenTermsAdd><Name>EOM</Name><DayOfMonthDue>31</DayOfMonthDue></DateDrivenTermsAdd></DateDrivenTermsAddRq>
<TermsQueryRq><NameFilter><MatchCriterion>Contains</MatchCriterion><Name>Net</Name></NameFilter></TermsQueryRq>
<ItemServiceAddRq><ItemServiceAdd><Name>Consulting</Name><SalesOrPurchase><Desc>Hourly consulting</Desc><Price>120.00</Price><AccountRef><FullName>Consulting Income</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>
<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>Widgets</Name><SalesOrPurchase><AccountRef><FullName>Supplies</FullName></AccountRef></SalesOrPurchase></ItemNonInventoryAdd></ItemNonInventoryAddRq>
<ItemQueryRq iterator="Start"><MaxReturned>50</MaxReturned><NameRangeFilter><FromName>A</FromName><ToName>M</ToName></NameRangeFilter></ItemQueryRq>`,
    'onError="continueOnError"',
  ),
  'BillPaymentCheckAdd and BillPaymentCreditCardAdd': qbxmlDocument(
    `<BillPaymentCheckAddRq><BillPaymentCheckAdd>
  <PayeeEntityRef><FullName>Acme Supply Co.</FullName></PayeeEntityRef>
  <TxnDate>2024-02-01</TxnDate>
  <BankAccountRef><FullName>Checking</FullName></BankAccountRef>
  <IsToBePrinted>true</IsToBePrinted>
  <Memo>Feb run</Memo>
  <AppliedToTxnAdd><TxnID>1A2B-1705500001</TxnID><PaymentAmount>100.00</PaymentAmount></AppliedToTxnAdd>
  <AppliedToTxnAdd><TxnID>1A2D-1705500009</TxnID><PaymentAmount>45.10</PaymentAmount><SetCredit><CreditTxnID>1B00-1705500100</CreditTxnID><AppliedAmount>5.00</AppliedAmount></SetCredit></AppliedToTxnAdd>
</BillPaymentCheckAdd></BillPaymentCheckAddRq>
<BillPaymentCreditCardAddRq><BillPaymentCreditCardAdd>
  <PayeeEntityRef><ListID>80000004-1705500000</ListID></PayeeEntityRef>
  <CreditCardAccountRef><FullName>Amex</FullName></CreditCardAccountRef>
  <RefNumber>CC-77</RefNumber>
  <AppliedToTxnAdd><TxnID>1A2B-1705500001</TxnID><PaymentAmount>10.00</PaymentAmount></AppliedToTxnAdd>
</BillPaymentCreditCardAdd></BillPaymentCreditCardAddRq>`,
  ),
  'CheckAdd and VendorCreditAdd': qbxmlDocument(
    `<CheckAddRq><CheckAdd><AccountRef><FullName>Checking</FullName></AccountRef><PayeeEntityRef><FullName>Acme Supply Co.</FullName></PayeeEntityRef><RefNumber>1042</RefNumber><TxnDate>2024-02-02</TxnDate>
${expenseLine('Office Supplies', '19.99', 'Paper')}</CheckAdd></CheckAddRq>
<VendorCreditAddRq><VendorCreditAdd><VendorRef><FullName>Acme Supply Co.</FullName></VendorRef><RefNumber>CR-1</RefNumber>${expenseLine('Office Supplies', '5.00', 'Return')}</VendorCreditAdd></VendorCreditAddRq>`,
  ),
  'InvoiceAdd and ReceivePaymentAdd': qbxmlDocument(
    `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Smith Co</FullName></CustomerRef><TxnDate>2024-02-29</TxnDate><RefNumber>1001</RefNumber>
  <InvoiceLineAdd><ItemRef><FullName>Consulting</FullName></ItemRef><Desc>February</Desc><Quantity>10</Quantity><Rate>120.00</Rate></InvoiceLineAdd>
  <InvoiceLineAdd><ItemRef><FullName>Widgets</FullName></ItemRef><Amount>30.00</Amount></InvoiceLineAdd>
</InvoiceAdd></InvoiceAddRq>
<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>Smith Co</FullName></CustomerRef><TotalAmount>1230.00</TotalAmount><IsAutoApply>true</IsAutoApply></ReceivePaymentAdd></ReceivePaymentAddRq>
<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>Smith Co</FullName></CustomerRef><TotalAmount>30.00</TotalAmount><AppliedToTxnAdd><TxnID>20-1709200000</TxnID><PaymentAmount>30.00</PaymentAmount></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>`,
  ),
  'TxnDel, ListDel, TxnDeletedQuery, ListDeletedQuery': qbxmlDocument(
    `<TxnDelRq><TxnDelType>Bill</TxnDelType><TxnID>1A2B-1705500001</TxnID></TxnDelRq>
<ListDelRq><ListDelType>Vendor</ListDelType><ListID>80000004-1705500000</ListID></ListDelRq>
<TxnDeletedQueryRq><TxnDelType>Bill</TxnDelType><TxnDelType>BillPaymentCheck</TxnDelType><DeletedDateRangeFilter><FromDeletedDate>2024-01-01T00:00:00</FromDeletedDate></DeletedDateRangeFilter></TxnDeletedQueryRq>
<ListDeletedQueryRq><ListDelType>Vendor</ListDelType></ListDeletedQueryRq>`,
    'onError="continueOnError"',
  ),
  'DataExtDef and DataExt add/mod/del on the company and a vendor': qbxmlDocument(
    `<DataExtDefAddRq><DataExtDefAdd><OwnerID>{6B063959-81B0-4B3A-9C5F-2E7B1A6C4D21}</OwnerID><DataExtName>CloudID</DataExtName><DataExtType>STR255TYPE</DataExtType><AssignToObject>Vendor</AssignToObject><AssignToObject>Bill</AssignToObject></DataExtDefAdd></DataExtDefAddRq>
<DataExtAddRq><DataExtAdd><OwnerID>{6B063959-81B0-4B3A-9C5F-2E7B1A6C4D21}</OwnerID><DataExtName>FileID</DataExtName><OtherDataExtType>Company</OtherDataExtType><DataExtValue>{d1e2f3a4-0000-4000-8000-000000000001}</DataExtValue></DataExtAdd></DataExtAddRq>
<DataExtModRq><DataExtMod><OwnerID>{6B063959-81B0-4B3A-9C5F-2E7B1A6C4D21}</OwnerID><DataExtName>CloudID</DataExtName><ListDataExtType>Vendor</ListDataExtType><ListObjRef><FullName>Acme Supply Co.</FullName></ListObjRef><DataExtValue>v-123</DataExtValue></DataExtMod></DataExtModRq>
<DataExtDelRq><DataExtDel><OwnerID>{6B063959-81B0-4B3A-9C5F-2E7B1A6C4D21}</OwnerID><DataExtName>CloudID</DataExtName><TxnDataExtType>Bill</TxnDataExtType><TxnID>1A2B-1705500001</TxnID></DataExtDel></DataExtDelRq>
<DataExtDefQueryRq><OwnerID>{6B063959-81B0-4B3A-9C5F-2E7B1A6C4D21}</OwnerID></DataExtDefQueryRq>`,
  ),
  'SalesTaxCodeQuery, PaymentMethodQuery, CustomerAdd, CustomerQuery': qbxmlDocument(
    `<SalesTaxCodeQueryRq/>
<PaymentMethodQueryRq><PaymentMethodType>Check</PaymentMethodType></PaymentMethodQueryRq>
<CustomerAddRq><CustomerAdd><Name>Smith Co</Name><BillAddress><Addr1>1 Elm St</Addr1></BillAddress><ShipToAddress><Name>Dock</Name><Addr1>2 Elm St</Addr1></ShipToAddress><JobStatus>InProgress</JobStatus></CustomerAdd></CustomerAddRq>
<CustomerQueryRq iterator="Start"><MaxReturned>10</MaxReturned><ActiveStatus>InactiveOnly</ActiveStatus></CustomerQueryRq>`,
  ),
  'an empty message set': qbxmlDocument(''),
};

/** Invalid requests (each a full document), named after why they are invalid. */
export const INVALID: Record<string, string> = {
  'BillAdd: Memo before RefNumber (wrong order)': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>Acme</FullName></VendorRef><Memo>m</Memo><RefNumber>1</RefNumber></BillAdd></BillAddRq>`,
  ),
  'BillAdd: expense line after an item line (wrong order)': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>Acme</FullName></VendorRef><ItemLineAdd><ItemRef><FullName>W</FullName></ItemRef></ItemLineAdd>${expenseLine('A', '1.00', 'm')}</BillAdd></BillAddRq>`,
  ),
  'BillAdd: missing VendorRef': qbxmlDocument(
    `<BillAddRq><BillAdd><TxnDate>2024-01-01</TxnDate></BillAdd></BillAddRq>`,
  ),
  'BillAdd: two VendorRefs': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>A</FullName></VendorRef><VendorRef><FullName>B</FullName></VendorRef></BillAdd></BillAddRq>`,
  ),
  'BillAdd: RefNumber longer than 20': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>A</FullName></VendorRef><RefNumber>${'9'.repeat(21)}</RefNumber></BillAdd></BillAddRq>`,
  ),
  'BillAdd: TxnDate 2023-02-29 (no such day)': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>A</FullName></VendorRef><TxnDate>2023-02-29</TxnDate></BillAdd></BillAddRq>`,
  ),
  'BillAdd: TxnDate 01/17/2024 (not ISO)': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>A</FullName></VendorRef><TxnDate>01/17/2024</TxnDate></BillAdd></BillAddRq>`,
  ),
  'BillAdd: Amount with three decimals': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>A</FullName></VendorRef>${expenseLine('A', '1.005', 'm')}</BillAdd></BillAddRq>`,
  ),
  'BillAdd: Amount 1,000.00': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>A</FullName></VendorRef>${expenseLine('A', '1,000.00', 'm')}</BillAdd></BillAddRq>`,
  ),
  'BillAdd: unknown attribute on the request': qbxmlDocument(
    `<BillAddRq requestID="1" reqID="2"><BillAdd><VendorRef><FullName>A</FullName></VendorRef></BillAdd></BillAddRq>`,
  ),
  'BillAdd: text inside VendorRef': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef>Acme<FullName>A</FullName></VendorRef></BillAdd></BillAddRq>`,
  ),
  'BillAdd: element inside a value': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName><b>A</b></FullName></VendorRef></BillAdd></BillAddRq>`,
  ),
  'BillAdd: bad BillableStatus enum': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>A</FullName></VendorRef><ExpenseLineAdd><BillableStatus>Maybe</BillableStatus></ExpenseLineAdd></BillAdd></BillAddRq>`,
  ),
  'BillAdd: ExternalGUID not a GUID': qbxmlDocument(
    `<BillAddRq><BillAdd><VendorRef><FullName>A</FullName></VendorRef><ExternalGUID>4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f</ExternalGUID></BillAdd></BillAddRq>`,
  ),
  'BillMod: missing EditSequence': qbxmlDocument(
    `<BillModRq><BillMod><TxnID>1A2B-1705500001</TxnID><Memo>x</Memo></BillMod></BillModRq>`,
  ),
  'VendorAdd: Name longer than 41': qbxmlDocument(
    `<VendorAddRq><VendorAdd><Name>${'N'.repeat(42)}</Name></VendorAdd></VendorAddRq>`,
  ),
  'VendorAdd: unknown element Nickname': qbxmlDocument(
    `<VendorAddRq><VendorAdd><Name>A</Name><Nickname>a</Nickname></VendorAdd></VendorAddRq>`,
  ),
  'VendorAdd: IsActive yes': qbxmlDocument(
    `<VendorAddRq><VendorAdd><Name>A</Name><IsActive>yes</IsActive></VendorAdd></VendorAddRq>`,
  ),
  'VendorAdd: IsActive TRUE (booleans are lower-case)': qbxmlDocument(
    `<VendorAddRq><VendorAdd><Name>A</Name><IsActive>TRUE</IsActive></VendorAdd></VendorAddRq>`,
  ),
  'VendorQuery: ActiveStatus Sometimes': qbxmlDocument(
    `<VendorQueryRq><ActiveStatus>Sometimes</ActiveStatus></VendorQueryRq>`,
  ),
  'VendorQuery: ListID and FullName together': qbxmlDocument(
    `<VendorQueryRq><ListID>80000004-1705500000</ListID><FullName>Acme</FullName></VendorQueryRq>`,
  ),
  'VendorQuery: MaxReturned 0': qbxmlDocument(`<VendorQueryRq><MaxReturned>0</MaxReturned></VendorQueryRq>`),
  'VendorQuery: MaxReturned ten': qbxmlDocument(`<VendorQueryRq><MaxReturned>ten</MaxReturned></VendorQueryRq>`),
  'VendorQuery: iterator Begin': qbxmlDocument(
    `<VendorQueryRq iterator="Begin"><MaxReturned>1</MaxReturned></VendorQueryRq>`,
  ),
  'VendorQuery: FromModifiedDate with a slash': qbxmlDocument(
    `<VendorQueryRq><FromModifiedDate>2024/01/01</FromModifiedDate></VendorQueryRq>`,
  ),
  'VendorQuery: NameFilter without MatchCriterion': qbxmlDocument(
    `<VendorQueryRq><NameFilter><Name>Ac</Name></NameFilter></VendorQueryRq>`,
  ),
  'VendorQuery: OwnerID not a GUID': qbxmlDocument(`<VendorQueryRq><OwnerID>my-app</OwnerID></VendorQueryRq>`),
  'VendorQuery: IncludeRetElement before the filters': qbxmlDocument(
    `<VendorQueryRq><IncludeRetElement>Name</IncludeRetElement><MaxReturned>5</MaxReturned></VendorQueryRq>`,
  ),
  'AccountQuery: AccountType Liability': qbxmlDocument(
    `<AccountQueryRq><AccountType>Liability</AccountType></AccountQueryRq>`,
  ),
  'DateDrivenTermsAdd: DayOfMonthDue 32': qbxmlDocument(
    `<DateDrivenTermsAddRq><DateDrivenTermsAdd><Name>EOM</Name><DayOfMonthDue>32</DayOfMonthDue></DateDrivenTermsAdd></DateDrivenTermsAddRq>`,
  ),
  'BillPaymentCheckAdd: no AppliedToTxnAdd': qbxmlDocument(
    `<BillPaymentCheckAddRq><BillPaymentCheckAdd><PayeeEntityRef><FullName>A</FullName></PayeeEntityRef><BankAccountRef><FullName>Checking</FullName></BankAccountRef><IsToBePrinted>true</IsToBePrinted></BillPaymentCheckAdd></BillPaymentCheckAddRq>`,
  ),
  'BillPaymentCheckAdd: both IsToBePrinted and RefNumber': qbxmlDocument(
    `<BillPaymentCheckAddRq><BillPaymentCheckAdd><PayeeEntityRef><FullName>A</FullName></PayeeEntityRef><BankAccountRef><FullName>Checking</FullName></BankAccountRef><IsToBePrinted>true</IsToBePrinted><RefNumber>1</RefNumber><AppliedToTxnAdd><TxnID>1-1</TxnID></AppliedToTxnAdd></BillPaymentCheckAdd></BillPaymentCheckAddRq>`,
  ),
  'TxnDel: TxnDelType Vendor': qbxmlDocument(`<TxnDelRq><TxnDelType>Vendor</TxnDelType><TxnID>1-1</TxnID></TxnDelRq>`),
  'ListDel: TxnID instead of ListID': qbxmlDocument(
    `<ListDelRq><ListDelType>Vendor</ListDelType><TxnID>1-1</TxnID></ListDelRq>`,
  ),
  'DataExtAdd: list and txn targets together': qbxmlDocument(
    `<DataExtAddRq><DataExtAdd><OwnerID>0</OwnerID><DataExtName>X</DataExtName><ListDataExtType>Vendor</ListDataExtType><ListObjRef><FullName>A</FullName></ListObjRef><TxnDataExtType>Bill</TxnDataExtType><TxnID>1-1</TxnID><DataExtValue>v</DataExtValue></DataExtAdd></DataExtAddRq>`,
  ),
  'ListID longer than 36': qbxmlDocument(`<VendorQueryRq><ListID>${'8'.repeat(37)}</ListID></VendorQueryRq>`),
  'HostQuery: IncludeListMetaData holding text (it is an aggregate)': qbxmlDocument(
    `<HostQueryRq><IncludeListMetaData>NoMetaData</IncludeListMetaData></HostQueryRq>`,
  ),
  'an unknown request FooQueryRq': qbxmlDocument(`<FooQueryRq/>`),
  'onError missing': qbxmlDocument(`<HostQueryRq/>`, 'responseData="includeAll"'),
  'onError ignore': qbxmlDocument(`<HostQueryRq/>`, 'onError="ignore"'),
  'two QBXMLMsgsRq under QBXML': `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"/><QBXMLMsgsRq onError="stopOnError"/></QBXML>`,
  'a response set inside a request document': `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"/><QBXMLMsgsRs/></QBXML>`,
};

/** Templates the property test mutates: valid documents of supported messages. */
export const TEMPLATES: readonly string[] = [
  VALID['BillAdd with expense and item lines']!,
  VALID['BillQuery by modified date with paid status and data extensions']!,
  VALID['VendorQuery with filters']!,
  VALID['VendorAdd with address, contact and terms']!,
  VALID['BillPaymentCheckAdd and BillPaymentCreditCardAdd']!,
  VALID['DataExtDef and DataExt add/mod/del on the company and a vendor']!,
  VALID['InvoiceAdd and ReceivePaymentAdd']!,
];
