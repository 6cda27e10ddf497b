// The one loader behind the package's executables (bin/qbd-sim.js, bin/ap-connector.js). It runs the executable's
// bundle, dist/bundle/<name>.js (esbuild, scripts/build-bundles.mjs: one file with its libraries inlined, so it starts
// in a fraction of the time hundreds of modules take). In a checkout — the sources are there — a bundle older than any
// source it was built from is rebuilt first, so a changed source never runs as old code. Without a bundle (and
// nothing to build it with) the tsc build in dist/ runs; `<NAME>_FROM_SOURCE=1` runs the TypeScript sources through
// tsx instead. See decisions/0002.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Loads the executable's module, calls its `entry(process.argv)` and sets the exit code from the number it returns.
 * @param {{ name: string, bundle: string, modulePath: string, entry: string, fromSourceEnv: string }} cli
 */
export async function runCli(cli) {
  const root = new URL('../', import.meta.url);
  const bundleUrl = new URL(`dist/bundle/${cli.bundle}.js`, root);
  const builtUrl = new URL(`dist/${cli.modulePath}.js`, root);
  const sourceUrl = new URL(`${cli.modulePath}.ts`, root);
  try {
    const mod = await load();
    if (mod === undefined) {
      process.exitCode = 1;
    } else if (typeof mod[cli.entry] !== 'function') {
      console.error(
        `${cli.name}: ${cli.modulePath} does not export \`${cli.entry}(argv)\`; this is a bug, please report it.`,
      );
      process.exitCode = 1;
    } else {
      const code = await mod[cli.entry](process.argv);
      process.exitCode = typeof code === 'number' ? code : 0;
    }
  } catch (error) {
    // The CLI reports expected failures itself and returns an exit code; reaching here is a crash.
    console.error(`${cli.name}: unexpected failure (a bug, please report it with the command you ran):`);
    console.error(error);
    process.exitCode = 1;
  }

  async function load() {
    if (process.env[cli.fromSourceEnv] === '1') return fromSource();
    // A bundle that could not be rebuilt is stale: the sources (through tsx) are the code to run, never old code.
    if (!(await bundleUsable())) return fromSource();
    if (existsSync(fileURLToPath(bundleUrl))) return import(bundleUrl.href);
    if (existsSync(fileURLToPath(builtUrl))) return import(builtUrl.href);
    return fromSource();
  }

  /**
   * In a checkout (the bundler script and the sources are there) a bundle its sources have moved past is rebuilt;
   * false when that failed. An installed package has no sources: its bundle is what was shipped.
   */
  async function bundleUsable() {
    const script = new URL('scripts/build-bundles.mjs', root);
    if (!existsSync(fileURLToPath(script)) || !existsSync(fileURLToPath(sourceUrl))) return true;
    const bundler = await import(script.href);
    if (bundler.bundlesAreFresh()) return true;
    process.stderr.write(`${cli.name}: the sources changed since dist/bundle was built; rebuilding it…\n`);
    try {
      const ms = await bundler.buildBundles();
      process.stderr.write(`${cli.name}: dist/bundle rebuilt in ${(ms / 1000).toFixed(1)} s\n`);
      return true;
    } catch (error) {
      // Without esbuild (a checkout installed without devDependencies) the sources run through tsx.
      process.stderr.write(`${cli.name}: could not rebuild dist/bundle (${error.message}); running the sources\n`);
      return false;
    }
  }

  async function fromSource() {
    let tsx;
    try {
      tsx = await import('tsx/esm/api');
    } catch {
      tsx = undefined;
    }
    if (!tsx || !existsSync(fileURLToPath(sourceUrl))) {
      console.error(
        `${cli.name}: the CLI is not built (${fileURLToPath(bundleUrl)} is missing).\n` +
          'Run `npm run build` in the qbd-sim checkout (or `npm install`, which builds through `prepare`), then retry.',
      );
      return undefined;
    }
    tsx.register();
    return import(sourceUrl.href);
  }
}
