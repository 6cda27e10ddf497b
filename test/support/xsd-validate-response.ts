// Validates qbXML documents against Intuit's qbXML 13.0 XSD with libxml2 (xmllint-wasm: libxml2 compiled to wasm,
// offline). For tests that must hold what the mock emits against external truth, not against our own tables.
//
// xmllint-wasm runs one xmllint process (a worker) per call and parses the schema each time (~0.2 s for qbXML's
// 870 KB of XSD); it cannot keep a compiled schema between calls. So the XSD texts are read once, and calls made in
// the same turn of the event loop are batched into one xmllint run (one schema parse for all of them):
// `await Promise.all(responses.map(validateQbxmlResponse))` validates a whole suite's responses in one go.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryPages, validateXML, type XMLFileInfo } from 'xmllint-wasm';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Intuit's qbXML 13.0 XSD directory: the shared data folder beside the checkout, or `$QBDSIM_QBXML_XSD_DIR` (a copy of
 * the checkout elsewhere, e.g. Stryker's sandbox, has no folder beside it: `npm run test:mutation` sets it).
 */
export const QBXML_XSD_DIR = process.env['QBDSIM_QBXML_XSD_DIR'] ?? path.resolve(repoRoot, '../shared/qbxml-xsd/13.0');

const ENTRY = 'qbxmlops130.xsd';
const INCLUDED = ['qbxmltypes130.xsd', 'qbxml130.xsd', 'qbxmlso130.xsd'];

export interface XsdValidation {
  readonly ok: boolean;
  /** libxml2's messages (`Schemas validity error : Element 'X': ...`), parser errors included. */
  readonly errors: string[];
}

let xsdFiles: { schema: XMLFileInfo; preload: XMLFileInfo[] } | undefined;

function loadXsd(): { schema: XMLFileInfo; preload: XMLFileInfo[] } {
  if (!xsdFiles) {
    const read = (fileName: string): XMLFileInfo => {
      const file = path.join(QBXML_XSD_DIR, fileName);
      try {
        return { fileName, contents: readFileSync(file, 'utf8') };
      } catch {
        throw new Error(
          `Intuit's qbXML XSD is missing at ${file}. The repo expects the shared data folder beside it ` +
            `(../shared/qbxml-xsd/13.0); CI copies it there.`,
        );
      }
    };
    xsdFiles = { schema: read(ENTRY), preload: INCLUDED.map(read) };
  }
  return xsdFiles;
}

/** Validates one qbXML document (a response, or any qbXML) against qbxmlops130.xsd with libxml2. */
export function validateQbxmlResponse(xml: string): Promise<XsdValidation> {
  return new Promise((resolve, reject) => {
    pending.push({ xml, resolve, reject });
    if (pending.length === 1) setImmediate(flush);
  });
}

/**
 * Documents per xmllint run. Each run parses the schema once (~0.25 s), so big runs are cheap per document (about
 * 0.5 ms each at 1,000); much bigger ones run libxml2's wasm heap out of memory on the fuzzers' large responses.
 */
const BATCH_SIZE = 1_000;
/** xmllint runs at the same time: each is a worker thread, so the end-of-suite audit uses every core. */
const PARALLEL_RUNS = 2;

/** Validates many qbXML documents (in runs of {@link BATCH_SIZE}, two at a time); results in the same order. */
export async function validateQbxmlDocuments(xmls: readonly string[]): Promise<XsdValidation[]> {
  const batches: (readonly string[])[] = [];
  for (let i = 0; i < xmls.length; i += BATCH_SIZE) batches.push(xmls.slice(i, i + BATCH_SIZE));
  const results: XsdValidation[][] = new Array(batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const i = next++;
      results[i] = await validateBatch(batches[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_RUNS, batches.length) }, worker));
  return results.flat();
}

async function validateBatch(xmls: readonly string[]): Promise<XsdValidation[]> {
  if (xmls.length === 0) return [];
  try {
    return await runBatch(xmls);
  } catch (error) {
    // A document that is not well-formed makes xmllint exit with a code xmllint-wasm rejects for the whole run:
    // split the run in halves until the culprits stand alone, so the others still get their answer.
    if (xmls.length === 1) return [notWellFormed(error)];
    const half = Math.ceil(xmls.length / 2);
    return [...(await validateBatch(xmls.slice(0, half))), ...(await validateBatch(xmls.slice(half)))];
  }
}

interface Pending {
  xml: string;
  resolve: (v: XsdValidation) => void;
  reject: (e: unknown) => void;
}

let pending: Pending[] = [];

function flush(): void {
  const batch = pending;
  pending = [];
  validateQbxmlDocuments(batch.map((p) => p.xml)).then(
    (results) => batch.forEach((p, i) => p.resolve(results[i]!)),
    (error: unknown) => batch.forEach((p) => p.reject(error)),
  );
}

async function runBatch(xmls: readonly string[]): Promise<XsdValidation[]> {
  const { schema, preload } = loadXsd();
  const names = xmls.map((_, i) => `doc-${i}.xml`);
  const result = await validateXML({
    xml: xmls.map((contents, i) => ({ fileName: names[i]!, contents })),
    schema: [schema],
    preload,
    initialMemoryPages: 64 * memoryPages.MiB,
    maxMemoryPages: 1 * memoryPages.GiB,
  });
  const lines = result.rawOutput.split('\n');
  return names.map((name) => {
    const errors = lines
      .filter((line) => line.startsWith(`${name}:`))
      .map((line) => line.slice(name.length + 1).replace(/^\d+:\s*/, ''));
    const failed = lines.includes(`${name} fails to validate`);
    return { ok: !failed && errors.length === 0, errors };
  });
}

function notWellFormed(error: unknown): XsdValidation {
  const text = error instanceof Error ? error.message : String(error);
  const errors = text.split('\n').filter((line) => line.trim() !== '');
  return { ok: false, errors: errors.length > 0 ? errors : ['xmllint could not parse the document'] };
}
