// Child processes of tests (a mock killed with SIGKILL, a store writer in another process) run a TypeScript script
// of the test tree. Through tsx every start pays the loader (~0.5–1 s); bundled once with esbuild they start like
// any node script. The bundle is cached by the hash of the sources it was built from, so a changed source is never
// run stale, and the first test that needs it builds it (a few hundred ms).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Inside the checkout's node_modules: the bundle's imports of packages resolve from there.
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'qbd-sim-test-bundles');
const built = new Map<string, Promise<string>>();

/**
 * The path of a runnable `.mjs` bundle of `script` (a `.ts` file), built on first use and cached by content.
 *
 * @example
 * const child = spawn(process.execPath, [await bundleScript(FIXTURE), dataDir]);
 */
export function bundleScript(script: string): Promise<string> {
  let promise = built.get(script);
  if (!promise) built.set(script, (promise = bundle(script)));
  return promise;
}

async function bundle(script: string): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  // Build into memory first: the metafile names every source, whose contents make the cache key.
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [script],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    outfile: 'out.mjs',
    packages: 'external',
    logLevel: 'warning',
  });
  const hash = createHash('sha256');
  for (const input of Object.keys(result.metafile.inputs).sort())
    hash.update(input).update(readFileSync(path.join(ROOT, input)));
  const file = path.join(CACHE, `${path.basename(script, '.ts')}-${hash.digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, result.outputFiles[0]!.contents);
    renameSync(tmp, file);
  }
  return file;
}
