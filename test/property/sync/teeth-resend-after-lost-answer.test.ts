// Teeth: a copy of the reference connector that resends a BillAdd after a lost answer (no look in QuickBooks first).
import { test } from 'vitest';
import { PLANTED_BUGS } from './planted-connector.js';
import { expectCaught } from './sync-teeth.js';

test('teeth: a connector that resends a BillAdd after a lost answer breaks "no duplicate per cloud id"', async () => {
  await expectCaught(PLANTED_BUGS.resendAfterLostAnswer, /no duplicate per cloud id/);
});
