// vitest globalSetup: turns on the processor's response log for the whole run (workers and the
// child processes tests spawn inherit the environment), and after the last test validates every
// distinct qbXML response the mock emitted against Intuit's qbXML 13.0 XSD with libxml2. One
// invalid response fails the run, naming the errors and showing the response.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateQbxmlDocuments } from './xsd-validate-response.js';

export default function setup(): () => Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qbdsim-responses-'));
  process.env['QBDSIM_QBXML_RESPONSE_LOG'] = dir;
  return async () => {
    const distinct = new Set<string>();
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n'))
        if (line) distinct.add(JSON.parse(line) as string);
    }
    rmSync(dir, { recursive: true, force: true });
    const responses = [...distinct];
    if (!responses.length) return; // another project's setup collected this run's responses
    const started = performance.now();
    const results = await validateQbxmlDocuments(responses);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const failures = results.flatMap((r, i) => (r.ok ? [] : [{ errors: r.errors, xml: responses[i]! }]));
    process.stdout.write(
      `qbXML response audit: ${responses.length} distinct responses validated against the qbXML 13.0 XSD in ${seconds} s, ${failures.length} invalid\n`,
    );
    if (failures.length) {
      const shown = failures
        .slice(0, 5)
        .map((f) => `${f.errors.join('\n')}\n--- response ---\n${f.xml.slice(0, 4000)}`)
        .join('\n\n');
      process.stderr.write(`${failures.length} qbXML responses do not validate against the XSD:\n${shown}\n`);
      // vitest reports an error thrown here but still exits 0: fail the run explicitly.
      process.exitCode = 1;
      throw new Error(`${failures.length} qbXML responses do not validate against the qbXML 13.0 XSD (see above)`);
    }
  };
}
