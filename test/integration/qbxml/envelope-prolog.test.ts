// The envelope as QuickBooks' parser reads it (issue 15): the `<?qbxml version?>` PI is the document's processing
// instruction before the root element, wherever it stands after comments, whitespace and other PIs; a BOM and an
// XML declaration with an encoding change nothing; a PI inside a comment is a comment.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openQbxmlSession, qbxmlWorld, type QbxmlSession } from './qbxml-harness.js';

const BODY =
  '<QBXML>\n  <QBXMLMsgsRq onError="stopOnError">\n    <VendorAddRq requestID="1">\n      <VendorAdd>\n' +
  '        <Name>Prolog Supplies</Name>\n      </VendorAdd>\n    </VendorAddRq>\n' +
  '    <VendorQueryRq requestID="2">\n      <FullName>Prolog Supplies</FullName>\n    </VendorQueryRq>\n' +
  '  </QBXMLMsgsRq>\n</QBXML>\n';

/** The style of Intuit's SDK sample requests: a declaration, a long comment block, then the qbXML PI. */
const SDK_SAMPLE_STYLE =
  '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<!--\n' +
  Array.from(
    { length: 20 },
    (_, i) => `  Sample qbXML request, line ${i + 1}: adds a vendor and reads it back by FullName.`,
  ).join('\n') +
  '\n-->\n<?qbxml version="13.0"?>\n' +
  BODY;

/** The style QBFC's `ToXMLString` writes: a bare declaration, the PI on the next line, two-space indentation. */
const QBFC_STYLE = '<?xml version="1.0" ?>\n<?qbxml version="13.0"?>\n' + BODY;

let sessions: QbxmlSession[] = [];
const open = async (seed: string, product?: string): Promise<QbxmlSession> => {
  const s = await openQbxmlSession({ seed, world: qbxmlWorld({ seed, ...(product ? { product } : {}) }) });
  sessions.push(s);
  return s;
};
beforeAll(() => {
  sessions = [];
});
afterAll(() => {
  for (const s of sessions) s.close();
});

/** The same document in a fresh company of the same seed: the answers must be identical. */
async function answerOf(xml: string): Promise<string> {
  const s = await open('prolog-same');
  return s.sendRaw(xml);
}

test('the SDK-sample style (comment block over 512 characters before the PI) is answered like QBFC style', async () => {
  expect(SDK_SAMPLE_STYLE.indexOf('<?qbxml')).toBeGreaterThan(512);
  const plain = await answerOf(QBFC_STYLE);
  expect(plain).toContain('<VendorAddRs requestID="1" statusCode="0"');
  expect(plain).toContain('<VendorQueryRs requestID="2" statusCode="0"');
  expect(await answerOf(SDK_SAMPLE_STYLE)).toBe(plain);
});

test('a byte-order mark, an encoding declaration, other PIs and whitespace before the PI change nothing', async () => {
  const plain = await answerOf(QBFC_STYLE);
  for (const doc of [
    '\uFEFF' + QBFC_STYLE,
    '\uFEFF<?xml version="1.0" encoding="windows-1252" standalone="yes"?>\n<?qbxml version="13.0"?>\n' + BODY,
    '<?xml version="1.0" encoding="UTF-16"?><?qbxml version="13.0"?>' + BODY,
    '<?xml version="1.0"?>\n\n  <?my-tool generated="yes"?>\n<!-- a -->\n\t<?qbxml version="13.0" ?>\n' + BODY,
    '<?qbxml version="13.0"?>' + BODY, // no declaration at all
  ]) {
    expect(await answerOf(doc), JSON.stringify(doc.slice(0, 80))).toBe(plain);
  }
});

test('a PI inside a comment is ignored: the version is the real PI (14.0 on Pro 2014 → 0x80040423)', async () => {
  const s = await open('prolog-comment-pi', 'pro-2014');
  const doc = '<!-- <?qbxml version="2.0"?> --><?qbxml version="14.0"?>' + BODY;
  expect(() => s.sendRaw(doc)).toThrow(expect.objectContaining({ hresult: '0x80040423' }));
  // The commented-out PI alone is no PI at all.
  expect(() => s.sendRaw('<!-- <?qbxml version="13.0"?> -->' + BODY)).toThrow(
    expect.objectContaining({ hresult: '0x80040400' }),
  );
  // And the real PI is answered even when a comment holds another version.
  expect(s.sendRaw('<!-- <?qbxml version="14.0"?> --><?qbxml version="13.0"?>' + BODY)).toContain(
    '<VendorAddRs requestID="1" statusCode="0"',
  );
});

test('what the parser refuses stays 0x80040400: a DTD, a PI after the root, a declaration not at the start', async () => {
  const s = await open('prolog-refused');
  for (const doc of [
    '<?xml version="1.0"?><!DOCTYPE QBXML><?qbxml version="13.0"?>' + BODY,
    '<?xml version="1.0"?>' + BODY + '<?qbxml version="13.0"?>',
    ' <?xml version="1.0"?><?qbxml version="13.0"?>' + BODY,
    '<!-- c --><?xml version="1.0"?><?qbxml version="13.0"?>' + BODY,
    '<?qbxml version="13.0"?><?xml version="1.0"?>' + BODY,
    '<?XML version="1.0"?><?qbxml version="13.0"?>' + BODY,
    '<?xml version="1.0"?><?qbxml?>' + BODY,
  ]) {
    expect(() => s.sendRaw(doc), JSON.stringify(doc.slice(0, 60))).toThrow(
      expect.objectContaining({ hresult: '0x80040400' }),
    );
  }
  const reasons = s.host.journal
    .list()
    .filter((e) => e.kind === 'qbxml.parse-error')
    .map((e) => String(e.data?.['reason']));
  expect(reasons.some((r) => r.includes('only allowed as the XML declaration'))).toBe(true);
  expect(reasons.some((r) => r.includes('no <?qbxml version'))).toBe(true);
});
