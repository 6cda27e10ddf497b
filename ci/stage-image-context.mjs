#!/usr/bin/env node
// Lays out the Docker build context of ci/Dockerfile in a directory: the built package (the files `npm pack` would
// ship: package.json, bin/, dist/, scenarios/, …) and the production node_modules `qbd-sim serve` needs, copied from this checkout's node_modules (no
// registry needed). Left out: testcontainers and tsx (the image runs the built dist/, and starts no containers) and
// what the native addon needs only to be rebuilt (better-sqlite3's C sources).
//
// Usage: node ci/stage-image-context.mjs OUT_DIR   (run `npm run build` first)
// Layout: OUT_DIR/package (the package's files), OUT_DIR/node_modules, OUT_DIR/data (an empty directory).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Dependencies of package.json the server never loads (see above); their own dependencies go too unless shared. */
const LEFT_OUT = new Set(['testcontainers', 'tsx']);
/** Inside kept packages: paths that only matter for building or developing them. */
const PRUNE = {
  'better-sqlite3': [
    'deps',
    'src',
    'build/Release/obj',
    'build/Release/obj.target',
    'build/Release/.deps',
    'build/deps',
  ],
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? '');
if (!process.argv[2]) {
  console.error('usage: node ci/stage-image-context.mjs OUT_DIR');
  process.exit(2);
}
if (!existsSync(path.join(root, 'dist/src/cli/main.js'))) {
  console.error('stage-image-context: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const packages = lock.packages;

/** Node's resolution over the lock's paths: `name` required from the package at `from` ('' = the root). */
function resolve(name, from) {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at < 0 ? '' : dir.slice(0, at);
  }
}

const keep = new Set();
const queue = Object.keys(pkg.dependencies ?? {})
  .filter((name) => !LEFT_OUT.has(name))
  .map((name) => ({ name, from: '', optional: false }));
while (queue.length) {
  const { name, from, optional } = queue.shift();
  const at = resolve(name, from);
  if (!at) {
    if (optional) continue;
    console.error(`stage-image-context: ${name} (needed by ${from || 'qbd-sim'}) is not in package-lock.json`);
    process.exit(1);
  }
  if (keep.has(at)) continue;
  keep.add(at);
  const entry = packages[at];
  for (const dep of Object.keys(entry.dependencies ?? {})) queue.push({ name: dep, from: at, optional: false });
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) queue.push({ name: dep, from: at, optional: true });
  for (const [dep, meta] of Object.entries(entry.peerDependenciesMeta ?? {})) {
    if (!meta.optional) queue.push({ name: dep, from: at, optional: true });
  }
  for (const dep of Object.keys(entry.peerDependencies ?? {})) {
    if (!entry.peerDependenciesMeta?.[dep]?.optional) queue.push({ name: dep, from: at, optional: true });
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// Exactly the files the npm package ships (package.json "files"), as `npm pack` lists them.
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
)[0].files.map((f) => f.path);
for (const file of packed) {
  if (file === 'package.json') continue;
  mkdirSync(path.dirname(path.join(out, 'package', file)), { recursive: true });
  copyFileSync(path.join(root, file), path.join(out, 'package', file));
}
// package.json without scripts (no `prepare` to run in the image) and without devDependencies.
const { scripts: _scripts, devDependencies: _dev, ...slim } = pkg;
writeFileSync(path.join(out, 'package', 'package.json'), `${JSON.stringify(slim, null, 2)}\n`);

let missing = 0;
for (const at of [...keep].sort()) {
  const from = path.join(root, at);
  if (!existsSync(from)) {
    // An optional dependency for another platform (the lock lists every platform's).
    if (packages[at].optional) continue;
    console.error(`stage-image-context: ${at} is in the lock but not installed; run \`npm ci\` first.`);
    missing++;
    continue;
  }
  const name = at.slice(at.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const prune = new Set((PRUNE[name] ?? []).map((p) => path.join(from, p)));
  cpSync(from, path.join(out, at), {
    recursive: true,
    // Nested node_modules are copied as packages of their own (only those kept).
    filter: (src) => !prune.has(src) && !(src !== from && path.basename(src) === 'node_modules'),
  });
}
if (missing) process.exit(1);
const addon = path.join(out, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
if (!existsSync(addon)) {
  console.error(`stage-image-context: the native addon ${addon} is missing (npm rebuild better-sqlite3).`);
  process.exit(1);
}
// An empty, writable home for --data-dir (the Dockerfile copies it with the runtime user as owner).
mkdirSync(path.join(out, 'data'), { recursive: true });
console.log(`stage-image-context: ${keep.size} packages → ${out}`);
