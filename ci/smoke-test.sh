#!/usr/bin/env bash
# Smoke test of the npm package, as a user gets it: `npm pack`, the tarball installed into an empty directory (its
# dependencies from the npm registry, or npm's cache), then
#   - `npx qbd-sim --help` and `npx ap-connector --help`;
#   - the public API imported from `qbd-sim`, `qbd-sim/mock-qb` and `qbd-sim/testcontainers`;
#   - the fake QuickBooks started from the installed package and its health route asked (with a control token);
#   - with a Docker engine and the image (QBDSIM_IMAGE, default qbd-sim:local): a container started through the
#     installed `qbd-sim/testcontainers` (skipped, and said so, without an engine: the e2e project covers it).
# Run from a built checkout (`npm run build`); .ci/run calls it after the e2e tests.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qbd-sim-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

echo "smoke: npm pack"
# dist/ is built already (npm ci / npm run build); --ignore-scripts skips `prepare`.
TGZ=$(npm pack --ignore-scripts --silent --pack-destination "$WORK")
TGZ="$WORK/$TGZ"
echo "smoke: $(basename "$TGZ"): $(du -h "$TGZ" | cut -f1)"

mkdir "$WORK/app"
cd "$WORK/app"
printf '{ "name": "qbd-sim-smoke", "version": "1.0.0", "private": true, "type": "module" }\n' >package.json
echo "smoke: npm install $(basename "$TGZ") in an empty directory"
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$TGZ"

echo "smoke: npx qbd-sim --help"
npx --no-install qbd-sim --help | head -n 3
npx --no-install qbd-sim --version
echo "smoke: npx ap-connector --help"
npx --no-install ap-connector --help | head -n 3

echo "smoke: the public API"
cat >smoke.mjs <<'EOF'
import assert from 'node:assert/strict';
import * as api from 'qbd-sim';
import { startMockQb, ControlClient, SAMPLE_WORLD_SPEC } from 'qbd-sim/mock-qb';
import { QbdSimContainer, StartedQbdSimContainer } from 'qbd-sim/testcontainers';

for (const name of ['Rp2BridgeClient', 'ComError', 'HR', 'parseQwc', 'startCloudServer', 'runSuite', 'loadScenario']) {
  assert.ok(api[name], `qbd-sim exports ${name}`);
}
assert.equal(typeof QbdSimContainer, 'function');
assert.equal(typeof StartedQbdSimContainer, 'function');
assert.ok(SAMPLE_WORLD_SPEC.hosts.length > 0);

const token = 'smoke-token';
const mock = await startMockQb({ controlToken: token });
try {
  const health = await new ControlClient(mock.url, { token }).health();
  assert.equal(health.status, 'ok');
  console.log(`smoke: the installed fake QuickBooks answers at ${mock.url} (hosts: ${health.hosts.join(', ')})`);
} finally {
  await mock.stop();
}

if (process.env.SMOKE_CONTAINER === '1') {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  const qb = await new QbdSimContainer().withSeed('smoke').start();
  try {
    assert.equal((await qb.control.health()).status, 'ok');
    assert.equal((await fetch(`${qb.getControlUrl()}/health`)).status, 401);
    console.log(`smoke: a container from the installed qbd-sim/testcontainers answers at ${qb.getBridgeUrl()}`);
  } finally {
    await qb.stop();
  }
}
EOF
if docker info >/dev/null 2>&1 && docker image inspect "${QBDSIM_IMAGE:-qbd-sim:local}" >/dev/null 2>&1; then
  SMOKE_CONTAINER=1 node smoke.mjs
else
  echo "smoke: no Docker engine or no ${QBDSIM_IMAGE:-qbd-sim:local} image: the container part is skipped here"
  node smoke.mjs
fi
echo "smoke: ok (package from $ROOT)"
