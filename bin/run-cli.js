// The one loader behind the package's executables (bin/qbd-sim.js, bin/ap-connector.js): it runs the built CLI
// from dist/ (made by `npm run build`, which `npm install` runs through `prepare`), or, in a dev checkout without a
// build, the TypeScript sources through tsx. `<NAME>_FROM_SOURCE=1` prefers the sources even when dist/ exists
// (it may be stale). See decisions/0002.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Loads `dist/<modulePath>.js` (or `<modulePath>.ts` through tsx), calls its `entry(process.argv)` and sets the
 * exit code from the number it returns.
 * @param {{ name: string, modulePath: string, entry: string, fromSourceEnv: string }} cli
 */
export async function runCli(cli) {
  const builtUrl = new URL(`../dist/${cli.modulePath}.js`, import.meta.url);
  const sourceUrl = new URL(`../${cli.modulePath}.ts`, import.meta.url);
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
    const fromSource = process.env[cli.fromSourceEnv] === '1' || !existsSync(fileURLToPath(builtUrl));
    if (!fromSource) return import(builtUrl.href);
    let tsx;
    try {
      tsx = await import('tsx/esm/api');
    } catch {
      tsx = undefined;
    }
    if (!tsx || !existsSync(fileURLToPath(sourceUrl))) {
      console.error(
        `${cli.name}: the CLI is not built (${fileURLToPath(builtUrl)} is missing).\n` +
          'Run `npm run build` in the qbd-sim checkout (or `npm install`, which builds through `prepare`), then retry.',
      );
      return undefined;
    }
    tsx.register();
    return import(sourceUrl.href);
  }
}
