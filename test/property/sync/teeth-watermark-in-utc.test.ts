// Teeth: a copy of the reference connector that sends its vendors' watermark to QuickBooks as UTC without an offset.
import { test } from 'vitest';
import { PLANTED_BUGS } from './planted-connector.js';
import { expectCaught } from './sync-teeth.js';

test('teeth: a connector that keeps its watermark in UTC breaks "after quiet, both sides agree"', async () => {
  await expectCaught(PLANTED_BUGS.watermarkInUtc, /after quiet, both sides agree/);
});
