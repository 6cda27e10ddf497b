// Teeth: a copy of the reference connector that answers QuickBooks' 3200 by re-reading and sending its edit again.
import { test } from 'vitest';
import { PLANTED_BUGS } from './planted-connector.js';
import { expectCaught } from './sync-teeth.js';

test('teeth: a connector that overwrites on conflict breaks "an edit in QuickBooks is never silently overwritten"', async () => {
  await expectCaught(PLANTED_BUGS.overwriteOnConflict, /never silently overwritten/);
});
