#!/usr/bin/env node
// Builds the executables' bundles — dist/bundle/qbd-sim.js (src/cli/main.ts) and dist/bundle/ap-connector.js
// (src/connector/connector-cli.ts) — with esbuild, straight from the TypeScript sources: one ESM file per executable,
// the libraries they use inlined (a process loads a few files instead of hundreds), each subcommand's code in a chunk
// of its own that loads only when it runs. Native and optional packages stay external (better-sqlite3's addon,
// testcontainers, playwright-core, fast-check, …). dist/bundle/manifest.json records every source file the bundles
// were built from with its modification time: `bundlesAreFresh()` compares them, so a changed source never runs as
// old code (bin/run-cli.js rebuilds, the test suite's setup rebuilds). See decisions/0002.
//
// Usage: node scripts/build-bundles.mjs [--if-stale]   (npm run build runs it after tsc)
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The executables: bundle name → entry source. */
export const BUNDLE_ENTRIES = {
  'qbd-sim': 'src/cli/main.ts',
  'ap-connector': 'src/connector/connector-cli.ts',
  // The worker thread of an in-process suite (src/scenario/scenario-threads.ts finds it here).
  'scenario-thread': 'src/scenario/scenario-thread.ts',
};

/** Packages never inlined: native addons, optional peers, and heavy ones loaded only by rare subcommands. */
const EXTERNAL = [
  'better-sqlite3',
  'testcontainers',
  'playwright-core',
  'fast-check',
  'xmllint-wasm',
  'tsx',
  'esbuild',
  'graphql',
  'ssh2',
  'cpu-features',
];

/** Files outside the sources whose change means the bundles must be rebuilt (new dependency versions). */
const EXTRA_INPUTS = ['package.json', 'package-lock.json', 'scripts/build-bundles.mjs'];

/** Whether dist/bundle was built from exactly the sources now on disk (every recorded file unchanged). */
export function bundlesAreFresh(root = ROOT) {
  const manifestFile = path.join(root, 'dist', 'bundle', 'manifest.json');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return false;
  }
  for (const name of Object.keys(BUNDLE_ENTRIES)) {
    if (!existsSync(path.join(root, 'dist', 'bundle', `${name}.js`))) return false;
  }
  for (const [file, mtimeMs] of Object.entries(manifest.inputs ?? {})) {
    try {
      if (statSync(path.join(root, file)).mtimeMs !== mtimeMs) return false;
    } catch {
      return false; // a source was removed or renamed
    }
  }
  return Object.keys(manifest.inputs ?? {}).length > 0;
}

/**
 * Builds dist/bundle (into a temporary folder, then swapped in, so a concurrent start never sees half a bundle).
 * Returns the build time in ms.
 */
export async function buildBundles(root = ROOT) {
  const started = performance.now();
  const esbuild = await import('esbuild');
  const out = path.join(root, 'dist', 'bundle');
  const tmp = `${out}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: BUNDLE_ENTRIES,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: tmp,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    external: EXTERNAL,
    // Inlined CommonJS packages call require(): give the ESM bundle one.
    banner: {
      js: "import { createRequire as __qbdSimCreateRequire } from 'node:module'; const require = __qbdSimCreateRequire(import.meta.url);",
    },
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS]) {
    if (file.includes('node_modules/') || !existsSync(path.join(root, file))) continue;
    inputs[file] = statSync(path.join(root, file)).mtimeMs;
  }
  writeFileSync(path.join(tmp, 'manifest.json'), `${JSON.stringify({ inputs }, null, 1)}\n`);
  mkdirSync(path.dirname(out), { recursive: true });
  const old = `${out}.${process.pid}.old`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
  return performance.now() - started;
}

/** Builds the bundles unless they are fresh; true when it built. */
export async function ensureFreshBundles(root = ROOT) {
  if (bundlesAreFresh(root)) return false;
  await buildBundles(root);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && bundlesAreFresh()) {
    console.log('dist/bundle is up to date');
  } else {
    const ms = await buildBundles();
    console.log(`dist/bundle built in ${(ms / 1000).toFixed(1)} s (${Object.keys(BUNDLE_ENTRIES).join(', ')})`);
  }
}
