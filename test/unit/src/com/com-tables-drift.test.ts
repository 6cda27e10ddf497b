// The front doors' generated tables (src/com/python/qbdsim_com/_tables.py, src/com/dotnet/Rp2Interop.g.cs) are what
// src/com/com-tables.ts renders from src/protocol now: regenerate with `npm run generate:com` when this fails.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { GENERATED_FILES, renderCSharpInterop, renderPythonTables } from '../../../../src/com/com-tables.js';
import { HRESULT_TEXTS } from '../../../../src/protocol/hresult-table.js';
import { RP2_MEMBERS } from '../../../../src/protocol/rp2-members.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');

test('the committed Python tables are the generated ones', () => {
  expect(read(GENERATED_FILES.python)).toBe(renderPythonTables());
});

test('the committed C# interop is the generated one', () => {
  expect(read(GENERATED_FILES.csharp)).toBe(renderCSharpInterop());
});

test('both carry every member and every HRESULT text of src/protocol', () => {
  const py = renderPythonTables();
  const cs = renderCSharpInterop();
  for (const m of RP2_MEMBERS) {
    expect(py).toContain(`"name": "${m.name}"`);
    expect(cs).toContain(`[DispId(${m.dispid})]`);
    expect(cs).toMatch(new RegExp(`\\b(get_)?${m.name}\\b`));
  }
  for (const [code, text] of Object.entries(HRESULT_TEXTS)) {
    expect(py).toContain(`${JSON.stringify(code)}: ${JSON.stringify(text)}`);
    expect(cs).toContain(`{ ${code}u, ${JSON.stringify(text)} }`);
  }
});
