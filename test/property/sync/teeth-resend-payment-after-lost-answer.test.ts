// Teeth: a copy of the reference connector that sends a BillPaymentCheckAdd again after its answer was lost (no look
// in QuickBooks first) pays twice; the sync-state property must find it within its CI budget.
import { test } from 'vitest';
import { PLANTED_BUGS } from './planted-connector.js';
import { expectCaught } from './sync-teeth.js';

test('teeth: a connector that resends a payment after a lost answer breaks "no duplicate per cloud id"', async () => {
  await expectCaught(PLANTED_BUGS.resendPaymentAfterLostAnswer, /no duplicate per cloud id/);
});
