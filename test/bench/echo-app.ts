import express from 'express';
import { RP2_BASE_PATH } from '../../src/protocol/rp2-bridge-contract.js';

/**
 * The baseline of the ratio: a bare express 5 app shaped like the RP2 bridge (same mount path, same JSON body parser
 * and limit, same `/processors/:id/:method` route) that answers every POST with its JSON body and does nothing else.
 * Whatever the bridge costs beyond this is the simulator's own cost.
 */
export function createEchoApp(): express.Express {
  const router = express.Router();
  router.use(express.json({ limit: '64mb' }));
  router.post('/processors/:id/:method', (req, res) => {
    res.json(req.body);
  });
  const app = express();
  app.disable('x-powered-by');
  app.use(RP2_BASE_PATH, router);
  return app;
}
