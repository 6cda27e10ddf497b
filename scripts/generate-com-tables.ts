// Regenerates the desktop front doors' tables from src/protocol (the member table, the HRESULT tables, the front
// doors' environment): src/com/python/qbdsim_com/_tables.py and src/com/dotnet/Rp2Interop.g.cs.
// Run: npx tsx scripts/generate-com-tables.ts — test/unit/src/com/com-tables-drift.test.ts fails when they drift.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_FILES, renderCSharpInterop, renderPythonTables } from '../src/com/com-tables.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const [file, text] of [
  [GENERATED_FILES.python, renderPythonTables()],
  [GENERATED_FILES.csharp, renderCSharpInterop()],
] as const) {
  writeFileSync(path.join(repoRoot, file), text);
  console.log(`wrote ${file} (${text.length} characters)`);
}
