// The committed schema table is derived data: it must be exactly what the generator makes from Intuit's qbXML 13.0
// XSD (../shared/qbxml-xsd/13.0, beside the checkout). Regenerate with `npx tsx scripts/generate-qbxml-schema-table.ts`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { expect, test } from 'vitest';
import { QBXML_SCHEMA_TABLE } from '../../../../../mock-qb/qbxml/schema/qbxml-schema-table.generated.js';
import {
  buildSchemaTable,
  renderSchemaTableModule,
} from '../../../../../mock-qb/qbxml/schema/schema-table-generator.js';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const xsdDir = path.resolve(repoRoot, '../shared/qbxml-xsd/13.0');
const generatedFile = path.join(repoRoot, 'mock-qb/qbxml/schema/qbxml-schema-table.generated.ts');
const REGENERATE = 'Regenerate it: npx tsx scripts/generate-qbxml-schema-table.ts';

function regenerate(): ReturnType<typeof buildSchemaTable> {
  if (!existsSync(xsdDir)) {
    throw new Error(
      `Intuit's qbXML XSD is missing at ${xsdDir}. The repo expects the shared data folder beside it ` +
        `(../shared/qbxml-xsd/13.0); CI copies it there.`,
    );
  }
  return buildSchemaTable(xsdDir);
}

test('the committed schema table equals the one regenerated from the XSD', () => {
  expect(QBXML_SCHEMA_TABLE, REGENERATE).toEqual(regenerate());
});

test('the committed file is byte for byte what the generator writes', async () => {
  const source = renderSchemaTableModule(regenerate(), '../shared/qbxml-xsd/13.0');
  const config = (await prettier.resolveConfig(generatedFile)) ?? {};
  const expected = await prettier.format(source, { ...config, filepath: generatedFile });
  expect(readFileSync(generatedFile, 'utf8') === expected, REGENERATE).toBe(true);
});
