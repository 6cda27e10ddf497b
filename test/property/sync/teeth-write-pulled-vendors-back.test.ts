// Teeth: a copy of the reference connector that writes every vendor it pulls back to QuickBooks unchanged.
import { test } from 'vitest';
import { PLANTED_BUGS } from './planted-connector.js';
import { expectCaught } from './sync-teeth.js';

test('teeth: a connector that writes pulled vendors back breaks "a sync repeated at quiet changes nothing"', async () => {
  await expectCaught(PLANTED_BUGS.echoVendorsBack, /a sync repeated at quiet changes nothing/);
});
