#!/usr/bin/env node
// Cold start of the qbd-sim image to healthy: `docker run` of a new container, then /__qbd/health polled every 20 ms (each try given up after 150 ms)
// from this machine until it answers 200 (what the testcontainers module waits for). Prints every run, the median,
// and the image size.
//
// Usage: node ci/measure-cold-start.mjs [--image qbd-sim:local] [--runs 7]
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const image = option('--image', 'qbd-sim:local');
const runs = Number(option('--runs', '7'));
const docker = (...a) => execFileSync('docker', a, { encoding: 'utf8' }).trim();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const times = [];
// AbortSignal.timeout's timer does not hold the process open, and a held connection does not either.
const keepAlive = setInterval(() => {}, 1_000);
for (let i = 0; i < runs; i++) {
  const token = randomBytes(24).toString('base64url');
  const t0 = performance.now();
  const id = docker('run', '-d', '--rm', '-e', `QBDSIM_CONTROL_TOKEN=${token}`, '-p', '127.0.0.1::4510', image);
  try {
    const port = docker('port', id, '4510/tcp').split('\n')[0].split(':').pop();
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/__qbd/health`, {
          headers: { authorization: `Bearer ${token}` },
          // Before the server listens, docker-proxy accepts the connection and holds it: retry, do not wait.
          signal: AbortSignal.timeout(150),
        });
        if (res.ok) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 60_000) throw new Error(`run ${i + 1}: not healthy after 60 s`);
      await sleep(20);
    }
    const ms = performance.now() - t0;
    times.push(ms);
    console.log(`run ${i + 1}: healthy in ${Math.round(ms)} ms`);
  } finally {
    docker('rm', '-f', id);
  }
}
clearInterval(keepAlive);
const sorted = [...times].sort((a, b) => a - b);
const median =
  sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
const size = Number(docker('image', 'inspect', image, '--format', '{{.Size}}'));
const driver = docker('info', '--format', '{{.Driver}}');
console.log(
  `cold start to healthy (${image}, ${driver}, ${runs} runs): median ${Math.round(median)} ms, ` +
    `min ${Math.round(sorted[0])} ms, max ${Math.round(sorted.at(-1))} ms; image ${(size / 1e6).toFixed(0)} MB`,
);
