// The floor of `serve-startup`: a bare express app that listens on a free loopback port, prints its URL and answers
// GET /health with 200 — what any express-based fake pays before its first answer.
import express from 'express';

const app = express();
app.get('/health', (_req, res) => res.json({ ok: true }));
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`);
});
process.once('SIGTERM', () => server.close());
