// Regenerates mock-qb/qbxml/schema/qbxml-schema-table.generated.ts from Intuit's qbXML XSD (default
// ../shared/qbxml-xsd/13.0 beside the repository): the content models of the messages in
// mock-qb/qbxml/schema/supported-messages.ts, their responses and everything they reference, and the names of every
// other request. Run: npx tsx scripts/generate-qbxml-schema-table.ts [xsd-dir]
// test/unit/mock-qb/qbxml/schema/schema-table-drift.test.ts fails when the committed file and the XSD disagree.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { buildSchemaTable, renderSchemaTableModule } from '../mock-qb/qbxml/schema/schema-table-generator.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const xsdDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '../shared/qbxml-xsd/13.0'));
const target = path.join(repoRoot, 'mock-qb/qbxml/schema/qbxml-schema-table.generated.ts');

const table = buildSchemaTable(xsdDir);
const label = path.relative(repoRoot, xsdDir).split(path.sep).join('/');
const source = renderSchemaTableModule(table, label);
const config = (await prettier.resolveConfig(target)) ?? {};
const formatted = await prettier.format(source, { ...config, filepath: target });
writeFileSync(target, formatted);
console.log(
  `wrote ${path.relative(repoRoot, target)}: ${formatted.length} bytes, ${Object.keys(table.elements).length} global ` +
    `elements, ${Object.keys(table.complexTypes).length} complex types, ${table.simpleTypes.length} simple types, ` +
    `${table.supportedRequests.length} supported requests`,
);
